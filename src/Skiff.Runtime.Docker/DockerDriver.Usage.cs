using System.Text.Json;
using Docker.DotNet.Models;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Engine;
using Skiff.Runtime.Docker.Usage;

namespace Skiff.Runtime.Docker;

// Resource use: one-shot engine stats and volume sizes, for the cost meter.
public sealed partial class DockerDriver
{
    /// <summary>How long one <c>/system/df</c> answer serves (one meter pass over every environment).</summary>
    private static readonly TimeSpan DiskUsageLifetime = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan DiskUsageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The first wait after a race; each further try waits one more step (250, 500, 750 ms ...: about 7 s in all).</summary>
    private static readonly TimeSpan DiskUsageRetryDelay = TimeSpan.FromMilliseconds(250);

    private const int DiskUsageAttempts = 8;

    private readonly DiskUsageCache _diskUsage = new(DiskUsageLifetime, TimeProvider.System);

    public async Task<ContainerUsage?> GetUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        // Limits from inspect (the stats' memory limit is the host's RAM when there is none).
        var inspect = await CallOrDefaultAsync<ContainerInspectResponse?>($"inspect container {containerId}",
            async token => await _client.Containers.InspectContainerAsync(containerId, token), null, cancellationToken);
        if (inspect?.State?.Status != "running")
            return null;

        ContainerStatsResponse? frame = null;
        // stream=false: one frame and the answer ends; one-shot: Docker skips its second sample for
        // precpu_stats (Podman 4.3 accepts and ignores it). The counter needs no "pre" sample.
        var parameters = new ContainerStatsParameters { Stream = false, OneShot = true };
        var found = await CallOrDefaultAsync($"read stats of container {containerId}", async token =>
        {
            await _client.Containers.GetContainerStatsAsync(containerId, parameters, new SynchronousProgress<ContainerStatsResponse>(s => frame ??= s), token);
            return true;
        }, false, cancellationToken);
        return found ? UsageMapper.FromStats(inspect.HostConfig, frame) : null;
    }

    /// <summary>
    /// Sizes from <c>/system/df</c> joined by engine name with the environment's labelled volumes
    /// (Podman 4.3 reports no labels in df). A volume the engine reports no size for (absent, or
    /// -1: "not computed") counts as 0 bytes.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> GetVolumeSizesAsync(string environment, CancellationToken cancellationToken)
    {
        var volumes = await ListVolumesAsync(environment, cancellationToken);
        if (volumes.Count == 0)
            return new Dictionary<string, long>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, long> sizes;
        try
        {
            sizes = await _diskUsage.GetAsync(ReadVolumeSizesAsync, cancellationToken);
        }
        catch (Core.Runtime.DriverException) when (Endpoint.Scheme == "unix" && LocalSizes(volumes) is { } local)
        {
            sizes = local;
        }
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            var name = LabelFilters.Value(volume.Labels, EngineNames.VolumeLabel);
            if (name.Length == 0)
                continue;
            result[name] = sizes.TryGetValue(volume.Name, out var bytes) && bytes > 0 ? bytes : 0;
        }
        return result;
    }

    /// <summary>
    /// The environment's volumes measured on this host's disk, when the engine cannot say (see
    /// <see cref="LocalVolumeSizes"/>); null when any of them is not readable here.
    /// </summary>
    private static Dictionary<string, long>? LocalSizes(IEnumerable<VolumeResponse> volumes)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            if (LocalVolumeSizes.Measure(volume.Mountpoint) is not { } bytes)
                return null;
            sizes[volume.Name] = bytes;
        }
        return sizes;
    }

    /// <summary>
    /// One <c>/system/df</c>. Podman 4.3 fails the whole answer (500, "no such container", or an lstat
    /// of a volume folder) when an object goes away while it counts, which is common on a busy engine:
    /// a few tries, each waiting longer (a burst of removals passes), then the error.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, long>> ReadVolumeSizesAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CallAsync("read disk usage (/system/df)", ReadDiskUsageOnceAsync, cancellationToken);
            }
            catch (DiskUsageRaceException) when (attempt < DiskUsageAttempts)
            {
                await Task.Delay(DiskUsageRetryDelay * attempt, cancellationToken);
            }
            catch (DiskUsageRaceException e)
            {
                throw new DriverException($"cannot read disk usage (/system/df): {e.Message} (objects kept changing in {DiskUsageAttempts} tries)", e);
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadDiskUsageOnceAsync(CancellationToken cancellationToken)
    {
        using var http = EngineHttp.Create(Endpoint, DiskUsageTimeout);
        using var response = await http.GetAsync("system/df?type=volume&verbose=1", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = DiskUsageParser.ErrorMessage(text) ?? $"the engine answered {(int)response.StatusCode} {response.ReasonPhrase}";
            if (message.Contains("no such", StringComparison.OrdinalIgnoreCase))
                throw new DiskUsageRaceException(message);
            throw new DriverException($"cannot read disk usage (/system/df): {message}");
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            return DiskUsageParser.VolumeSizes(json.RootElement);
        }
        catch (JsonException e)
        {
            throw new DriverException($"cannot read disk usage (/system/df): the answer is not JSON ({e.Message})", e);
        }
    }

    /// <summary>df failed because an object vanished while the engine counted it.</summary>
    private sealed class DiskUsageRaceException(string message) : Exception(message);
}
