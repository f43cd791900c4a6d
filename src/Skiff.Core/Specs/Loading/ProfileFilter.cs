using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Compose profiles: a service with <c>profiles:</c> is enabled only when one of them is active
/// (<c>*</c> activates all); a service without profiles is always enabled.
/// </summary>
internal static class ProfileFilter
{
    /// <summary>The enabled service entries, in order, and the profiles of each disabled service.</summary>
    public static (IReadOnlyList<YEntry> Enabled, IReadOnlyDictionary<string, ImmutableArray<string>> Disabled) Split(
        YMapping services, IReadOnlySet<string> active)
    {
        var enabled = new List<YEntry>();
        var disabled = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var entry in services.Entries)
        {
            var profiles = ProfilesOf(entry.Value);
            if (profiles.IsEmpty || active.Contains("*") || profiles.Any(active.Contains))
                enabled.Add(entry);
            else
                disabled[entry.Key.Value] = profiles;
        }
        return (enabled, disabled);
    }

    /// <summary>The profiles a service names; malformed values count as none (the service reader reports them).</summary>
    private static ImmutableArray<string> ProfilesOf(YNode service)
    {
        if (service is not YMapping mapping)
            return [];
        return mapping["profiles"] switch
        {
            YScalar { IsNull: false } one => [one.Value],
            YSequence list => [.. list.Items.OfType<YScalar>().Where(s => !s.IsNull).Select(s => s.Value)],
            _ => [],
        };
    }

    /// <summary>Profile names from a comma-separated COMPOSE_PROFILES value.</summary>
    public static IEnumerable<string> ParseList(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
