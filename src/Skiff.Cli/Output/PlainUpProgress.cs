using Skiff.Core.Api;

namespace Skiff.Cli.Output;

/// <summary>Progress as plain lines, one per change of a service's status (for logs, pipes and CI).</summary>
public sealed class PlainUpProgress(TextWriter output) : IUpProgress
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    public Task<T> RunAsync<T>(Func<Action<EnvironmentDto>, Task<T>> work) => work(Show);

    private void Show(EnvironmentDto environment)
    {
        foreach (var service in environment.Services)
        {
            var line = service.Message is null ? service.Status : $"{service.Status} ({service.Message})";
            if (_seen.TryGetValue(service.Name, out var previous) && previous == line)
                continue;
            _seen[service.Name] = line;
            output.WriteLine($"{environment.Name}/{service.Name}: {line}");
        }
    }
}
