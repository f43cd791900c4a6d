using System.Text.Json;

namespace Skiff.Runtime.Docker.Usage;

/// <summary>
/// Reads volume sizes out of a <c>GET /system/df</c> answer, in either layout: the pre-1.52 one
/// (<c>"Volumes": [...]</c>, which Podman 4.3 sends) or the current Docker one
/// (<c>"VolumeUsage": {"Items": [...]}</c>, sent with <c>verbose=1</c>). Volumes are keyed by
/// engine name: Podman 4.3 leaves their <c>Labels</c> empty here, so labels must come from the
/// volume list.
/// </summary>
internal static class DiskUsageParser
{
    /// <summary>Engine volume name → bytes; -1 where the engine reports none or -1 ("not computed").</summary>
    public static Dictionary<string, long> VolumeSizes(JsonElement root)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
            return sizes;
        if (root.TryGetProperty("Volumes", out var legacy))
            Add(sizes, legacy);
        if (root.TryGetProperty("VolumeUsage", out var usage) && usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty("Items", out var items))
            Add(sizes, items);
        return sizes;
    }

    /// <summary>The <c>message</c> of an engine's JSON error answer, on one line; null when there is none.</summary>
    public static string? ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text
                ? Engine.EngineErrors.OneLine(text)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Add(Dictionary<string, long> sizes, JsonElement volumes)
    {
        if (volumes.ValueKind != JsonValueKind.Array)
            return;
        foreach (var volume in volumes.EnumerateArray())
        {
            if (volume.ValueKind != JsonValueKind.Object
                || !volume.TryGetProperty("Name", out var name) || name.GetString() is not { Length: > 0 } text)
            {
                continue;
            }
            sizes[text] = Size(volume);
        }
    }

    private static long Size(JsonElement volume) =>
        volume.TryGetProperty("UsageData", out var usage) && usage.ValueKind == JsonValueKind.Object
        && usage.TryGetProperty("Size", out var size) && size.TryGetInt64(out var bytes)
            ? bytes
            : -1;
}
