using System.Collections.Immutable;

namespace Skiff.Core.Budgets;

/// <summary>Environments waiting for capacity start in the order they asked (ties by name, ordinal).</summary>
public static class QueueOrder
{
    /// <returns>Each waiting environment's position, 1 for the next to start.</returns>
    public static ImmutableDictionary<string, int> Positions(IEnumerable<(string Environment, DateTimeOffset AskedAt)> waiting) =>
        Ordered(waiting)
            .Select((environment, index) => (environment, index))
            .ToImmutableDictionary(e => e.environment, e => e.index + 1, StringComparer.Ordinal);

    /// <returns>The position of <paramref name="environment"/> (1-based), or null when it is not waiting.</returns>
    public static int? PositionOf(IEnumerable<(string Environment, DateTimeOffset AskedAt)> waiting, string environment) =>
        Positions(waiting).TryGetValue(environment, out var position) ? position : null;

    /// <returns>Waiting environments, the next to start first (one asking twice keeps its first place).</returns>
    public static IReadOnlyList<string> Ordered(IEnumerable<(string Environment, DateTimeOffset AskedAt)> waiting) =>
        waiting
            .OrderBy(w => w.AskedAt)
            .ThenBy(w => w.Environment, StringComparer.Ordinal)
            .Select(w => w.Environment)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
