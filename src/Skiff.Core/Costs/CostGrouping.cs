using System.Collections.Immutable;

namespace Skiff.Core.Costs;

/// <summary>
/// Cost totals per environment, repository or author (names compared and sorted ordinally), from
/// the samples whose interval starts at or after <c>since</c>.
/// </summary>
public static class CostGrouping
{
    /// <summary>The group of samples without a repository or author.</summary>
    public const string None = "(none)";

    public static ImmutableSortedDictionary<string, CostTotals> ByEnvironment(IEnumerable<ResourceSample> samples, PriceTable prices, DateTimeOffset? since = null) =>
        By(samples, s => s.Environment, prices, since);

    public static ImmutableSortedDictionary<string, CostTotals> ByRepository(IEnumerable<ResourceSample> samples, PriceTable prices, DateTimeOffset? since = null) =>
        By(samples, s => s.Repository, prices, since);

    public static ImmutableSortedDictionary<string, CostTotals> ByAuthor(IEnumerable<ResourceSample> samples, PriceTable prices, DateTimeOffset? since = null) =>
        By(samples, s => s.Author, prices, since);

    public static ImmutableSortedDictionary<string, CostTotals> By(IEnumerable<ResourceSample> samples, Func<ResourceSample, string?> key,
        PriceTable prices, DateTimeOffset? since = null) =>
        samples
            .Where(s => since is null || s.At >= since)
            .GroupBy(s => key(s) ?? None, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => CostCalculator.Total(g, prices), StringComparer.Ordinal);
}
