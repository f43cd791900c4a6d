using Skiff.Core.Costs;
using Skiff.Server.Store;
using Skiff.Server.Configuration;
using Skiff.Core.Api;

namespace Skiff.Server.Costs;

/// <summary>Cost reports from the stored samples, priced with the server's <see cref="SkiffServerOptions.Prices"/>.</summary>
public sealed class CostReports(UsageStore usage, SkiffServerOptions server, TimeProvider time)
{
    private const int Decimals = 6;

    public PriceTable Prices => server.Prices;

    /// <summary>Every group's usage and cost from <see cref="CostQuery.Since"/> until now.</summary>
    public async Task<CostReportDto> ReportAsync(CostQuery query, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow();
        var totals = await usage.TotalsAsync(query.By, query.Since, until, null, cancellationToken);
        var priced = totals.Select(t => (t.Key, Totals: CostCalculator.Price(t.Value, Prices))).ToList();
        var all = priced.Aggregate(CostTotals.Zero, (sum, row) => sum + row.Totals);
        var prices = new PricesDto(Prices.VcpuHour, Prices.GibHour, Prices.VolumeGibMonth, Prices.Currency);
        return new CostReportDto(Prices.Currency, query.Since, until, CostQuery.Word(query.By), prices,
            [.. priced.OrderByDescending(r => r.Totals.ReservedCost).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => Row(r.Key, r.Totals))],
            Row("total", CostCalculator.Price(all, Prices)));
    }

    /// <summary>
    /// The reserved cost (what a provider billing by reservation would charge) of one environment,
    /// repository or author since <paramref name="since"/>, unrounded; zero without samples. For
    /// the PR comment and budgets.
    /// </summary>
    public async Task<decimal> ReservedCostAsync(UsageGrouping by, string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var totals = await usage.TotalsAsync(by, since, time.GetUtcNow(), by == UsageGrouping.Environment ? key : null, cancellationToken);
        return totals.TryGetValue(key, out var found) ? CostCalculator.Price(found, Prices).ReservedCost : 0m;
    }

    private static CostRowDto Row(string key, CostTotals t) => new(
        key,
        Round(t.RunningHours),
        Round(t.SuspendedHours),
        Round(t.VcpuHoursReserved),
        Round(t.GibHoursReserved),
        Round(t.VcpuHoursUsed),
        Round(t.GibHoursUsed),
        Round(t.VolumeGibMonths),
        Round(t.ReservedCost),
        Round(t.UsedCost));

    private static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
