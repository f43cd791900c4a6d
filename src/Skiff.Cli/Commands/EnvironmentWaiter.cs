using Skiff.Cli.Client;
using Skiff.Core.Api;

namespace Skiff.Cli.Commands;

/// <summary>
/// Polls an environment (bounded) until the outcome of a desired-state change is known: the asked
/// generation done in one of the wanted phases, or someone else asking for another state meanwhile
/// (a request waking a suspended environment, an idle suspend, a removal).
/// </summary>
public static class EnvironmentWaiter
{
    /// <param name="desired">The state the command asked for: when the environment wants another one, the wait ends with it.</param>
    public static async Task<EnvironmentDto> WaitAsync(SkiffApiClient client, string name, long generation, string desired, IReadOnlySet<string> phases,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var environment = await client.FindAsync(name, deadline.Token)
                    ?? throw new CliException($"{name}: removed meanwhile", ExitCodes.NotFound);
                if (environment.Desired is { } wanted && wanted != desired)
                    return environment;
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

    /// <summary>One line for an environment that was asked for another state while the command waited.</summary>
    public static string Superseded(EnvironmentDto environment) => environment.Desired switch
    {
        "Running" => $"{environment.Name}: woken meanwhile (by a request to its URL, a push or a resume); it is {environment.Phase.ToLowerInvariant()}, not suspended",
        "Suspended" => $"{environment.Name}: suspended again meanwhile (idle, budget or another suspend); it is {environment.Phase.ToLowerInvariant()}",
        "Absent" => $"{environment.Name}: being removed meanwhile",
        _ => $"{environment.Name}: asked for {environment.Desired} meanwhile",
    };
}
