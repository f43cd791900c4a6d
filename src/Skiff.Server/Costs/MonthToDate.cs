using System.Collections.Immutable;
using Skiff.Core.Costs;
using Skiff.Server.Store;

namespace Skiff.Server.Costs;

/// <summary>
/// Each environment's usage in the current UTC month, kept pass by pass: read from the store once
/// when a month starts (or the server does), then each pass's samples are added.
/// </summary>
internal sealed class MonthToDate(UsageStore usage, PriceTable prices)
{
    private DateTimeOffset? _month;
    private Dictionary<string, CostTotals> _totals = new(StringComparer.Ordinal);

    /// <summary>Adds a pass whose samples are already stored; returns the reserved cost so far per environment.</summary>
    public async Task<ImmutableSortedDictionary<string, decimal>> AddAsync(IReadOnlyList<ResourceSample> pass, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = MonthStart(now);
        if (_month != month)
        {
            var stored = await usage.TotalsAsync(UsageGrouping.Environment, month, DateTimeOffset.MaxValue, null, cancellationToken);
            _totals = new Dictionary<string, CostTotals>(stored, StringComparer.Ordinal);
            _month = month;
        }
        else
        {
            foreach (var (environment, totals) in CostGrouping.ByEnvironment(pass, prices, since: month))
                _totals[environment] = _totals.TryGetValue(environment, out var before) ? before + totals : totals;
        }
        return _totals.ToImmutableSortedDictionary(t => t.Key, t => CostCalculator.Price(t.Value, prices).ReservedCost, StringComparer.Ordinal);
    }

    public static DateTimeOffset MonthStart(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
