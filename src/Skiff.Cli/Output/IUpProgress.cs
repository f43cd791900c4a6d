using Skiff.Core.Api;

namespace Skiff.Cli.Output;

/// <summary>Shows a deploy's per-service progress while <c>skiff up</c> waits.</summary>
public interface IUpProgress
{
    /// <summary>Runs <paramref name="work"/>, which calls the given callback with every new view of the environment.</summary>
    Task<T> RunAsync<T>(Func<Action<EnvironmentDto>, Task<T>> work);
}
