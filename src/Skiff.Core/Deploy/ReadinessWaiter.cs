using System.Collections.Immutable;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;

namespace Skiff.Core.Deploy;

/// <summary>
/// Waits until a started container is ready: its health check passes (run by Skiff through exec,
/// so it works without the engine's health-check timers), its HTTP port answers, or it ran to
/// completion. A container that exits, or a check that keeps failing, fails the deploy with the
/// container's last log lines.
/// </summary>
internal sealed class ReadinessWaiter(IContainerEngine driver, TimeProvider time, DeployOptions options)
{
    public async Task WaitAsync(ServiceSpec service, ContainerState container, Readiness readiness, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.ReadyTimeout;
        if (readiness.MustComplete)
        {
            await WaitForCompletionAsync(service, container, deadline, cancellationToken);
            return;
        }
        if (readiness.RunHealthCheck && service.HealthCheck is { Disabled: false } check && !check.Test.IsDefaultOrEmpty)
            await WaitForHealthAsync(service, container, check, deadline, cancellationToken);
        if (readiness.HttpPort is { } port)
            await WaitForHttpAsync(service, container, port, deadline, cancellationToken);
        if (!readiness.RunHealthCheck && readiness.HttpPort is null)
            await EnsureStillRunningAsync(service, container, cancellationToken);
    }

    private async Task WaitForHealthAsync(ServiceSpec service, ContainerState container, HealthCheckSpec check, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var failures = 0;
        DateTimeOffset? lastCounted = null;
        var pause = check.Interval < options.FastHealthInterval ? check.Interval : options.FastHealthInterval;
        while (true)
        {
            await EnsureStillRunningAsync(service, container, cancellationToken);
            var result = await driver.ExecAsync(container.Id, check.Test, check.Timeout, cancellationToken);
            if (result.Succeeded)
                return;

            // Failures count as Docker counts them: not during the start period, and at most one per interval.
            var now = time.GetUtcNow();
            if (now - started >= check.StartPeriod && (lastCounted is null || now - lastCounted >= check.Interval))
            {
                failures++;
                lastCounted = now;
                if (failures >= Math.Max(1, check.Retries))
                    throw await FailAsync(service, container, $"health check failed {failures} times: {Shorten(result.Output)}", cancellationToken);
            }
            if (now >= deadline)
                throw await FailAsync(service, container, $"not healthy after {Units.DurationFormat.Format(options.ReadyTimeout)}: {Shorten(result.Output)}", cancellationToken);
            await Task.Delay(pause, time, cancellationToken);
        }
    }

    private async Task WaitForHttpAsync(ServiceSpec service, ContainerState container, int port, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (!await driver.ProbeHttpAsync(container, port, cancellationToken))
        {
            await EnsureStillRunningAsync(service, container, cancellationToken);
            if (time.GetUtcNow() >= deadline)
                throw await FailAsync(service, container, $"port {port} did not answer HTTP within {Units.DurationFormat.Format(options.ReadyTimeout)}", cancellationToken);
            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private async Task WaitForCompletionAsync(ServiceSpec service, ContainerState container, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await driver.InspectContainerAsync(container.Id, cancellationToken);
            if (state is null)
                throw await FailAsync(service, container, "the container disappeared", cancellationToken);
            if (!state.IsRunning && state.Status != "created")
            {
                if (state.ExitCode == 0)
                    return;
                throw await FailAsync(service, container, $"exited with code {state.ExitCode} (a dependent needs it to complete successfully)", cancellationToken);
            }
            if (time.GetUtcNow() >= deadline)
                throw await FailAsync(service, container, $"did not complete within {Units.DurationFormat.Format(options.ReadyTimeout)}", cancellationToken);
            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private async Task EnsureStillRunningAsync(ServiceSpec service, ContainerState container, CancellationToken cancellationToken)
    {
        var state = await driver.InspectContainerAsync(container.Id, cancellationToken);
        if (state is null)
            throw await FailAsync(service, container, "the container disappeared", cancellationToken);
        if (!state.IsRunning)
            throw await FailAsync(service, container, $"the container exited with code {state.ExitCode}", cancellationToken);
    }

    private async Task<DeployFailedException> FailAsync(ServiceSpec service, ContainerState container, string message, CancellationToken cancellationToken)
    {
        var tail = await LogTail.ReadAsync(driver, container.Id, options.LogTailLines, cancellationToken);
        return new DeployFailedException(new DeployFailure(service.Name, message, tail));
    }

    private static string Shorten(string output)
    {
        var line = output.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? "(no output)" : line.Length <= 200 ? line : line[..200] + "…";
    }
}

/// <summary>Reads a container's last log lines without letting a log failure hide the real error.</summary>
internal static class LogTail
{
    public static async Task<ImmutableArray<string>> ReadAsync(IContainerEngine driver, string containerId, int lines, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        try
        {
            await foreach (var line in driver.ReadLogsAsync(containerId, lines, follow: false, cancellationToken))
                result.Add(line);
        }
        catch (DriverException exception)
        {
            result.Add($"(logs unavailable: {exception.Message})");
        }
        return result.ToImmutable();
    }
}
