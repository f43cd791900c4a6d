using Skiff.Cli.Client;
using Skiff.Core.Api;

namespace Skiff.Cli.Commands;

/// <summary>Polls an environment until a generation is done in one of the wanted phases (bounded).</summary>
public static class EnvironmentWaiter
{
    public static async Task<EnvironmentDto> WaitAsync(SkiffApiClient client, string name, long generation, IReadOnlySet<string> phases, TimeSpan timeout, Action<EnvironmentDto>? update, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var environment = await client.GetAsync(name, deadline.Token);
                update?.Invoke(environment);
                if (environment.ObservedGeneration >= generation && phases.Contains(environment.Phase))
                    return environment;
                await Task.Delay(50, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{name}: not done after {Core.Units.DurationFormat.Format(timeout)} (it goes on in the server; see 'skiff status {name}')");
        }
    }
}
