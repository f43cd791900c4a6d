using Microsoft.EntityFrameworkCore;
using Skiff.Core.Costs;

namespace Skiff.Server.Store;

/// <summary>How usage is grouped in a report.</summary>
public enum UsageGrouping
{
    Environment,
    Repository,
    Author,
}

/// <summary>
/// Writes cost-meter samples and sums them up. Totals are computed in SQL (a month of one-minute
/// samples is far too many rows to load per request) with the same rules as
/// <see cref="CostCalculator.Total"/>: reservations and memory count while running, CPU time and
/// volumes always, and the services of one environment sampled at one moment count once in the hours.
/// </summary>
public sealed class UsageStore(IDbContextFactory<SkiffDbContext> contexts)
{
    private const double SecondsPerHour = 3600;
    private const double BytesPerGib = 1024d * 1024 * 1024;

    public async Task AddAsync(IReadOnlyCollection<UsageRecord> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Usage.AddRange(samples);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The samples of [<paramref name="since"/>, <paramref name="until"/>), oldest first (for small ranges and tests).</summary>
    public async Task<IReadOnlyList<UsageRecord>> ListAsync(string? environment, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Usage.AsNoTracking().Where(u => u.At >= since && u.At < until);
        if (environment is not null)
            query = query.Where(u => u.EnvironmentName == environment);
        return await query.OrderBy(u => u.At).ThenBy(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Unpriced totals (<see cref="CostTotals"/> with zero costs) of the samples starting in
    /// [<paramref name="since"/>, <paramref name="until"/>), per group; samples without a
    /// repository or author fall in <see cref="CostGrouping.None"/>. Price them with <see cref="CostCalculator.Price"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CostTotals>> TotalsAsync(UsageGrouping grouping, DateTimeOffset since, DateTimeOffset until,
        string? environment, CancellationToken cancellationToken)
    {
        var key = grouping switch
        {
            UsageGrouping.Environment => "\"EnvironmentName\"",
            UsageGrouping.Repository => $"COALESCE(\"Repository\", '{CostGrouping.None}')",
            _ => $"COALESCE(\"Author\", '{CostGrouping.None}')",
        };
        // The inner query makes one row per environment and moment (all its services), the outer one sums them per group.
        var sql = $$"""
            SELECT "Key",
                   SUM("CpuReservedSeconds") AS "CpuReservedSeconds",
                   SUM("MemoryReservedByteSeconds") AS "MemoryReservedByteSeconds",
                   SUM("CpuUsedSeconds") AS "CpuUsedSeconds",
                   SUM("MemoryUsedByteSeconds") AS "MemoryUsedByteSeconds",
                   SUM("VolumeByteSeconds") AS "VolumeByteSeconds",
                   SUM(CASE WHEN "AnyRunning" = 1 THEN "Seconds" ELSE 0 END) AS "RunningSeconds",
                   SUM(CASE WHEN "AnyRunning" = 1 THEN 0 ELSE "Seconds" END) AS "SuspendedSeconds"
            FROM (
                SELECT {{key}} AS "Key", "EnvironmentName", "At",
                       SUM(CASE WHEN "Running" THEN "CpuReserved" * "IntervalSeconds" ELSE 0 END) AS "CpuReservedSeconds",
                       SUM(CASE WHEN "Running" THEN "MemoryReservedBytes" * "IntervalSeconds" ELSE 0 END) AS "MemoryReservedByteSeconds",
                       SUM("CpuUsedSeconds") AS "CpuUsedSeconds",
                       SUM(CASE WHEN "Running" THEN "MemoryUsedBytes" * "IntervalSeconds" ELSE 0 END) AS "MemoryUsedByteSeconds",
                       SUM("VolumeBytes" * "IntervalSeconds") AS "VolumeByteSeconds",
                       MAX("IntervalSeconds") AS "Seconds",
                       MAX(CASE WHEN "Running" THEN 1 ELSE 0 END) AS "AnyRunning"
                FROM "{{UsageRecordConfiguration.Table}}"
                WHERE "At" >= {0} AND "At" < {1} AND ({2} IS NULL OR "EnvironmentName" = {2})
                GROUP BY {{key}}, "EnvironmentName", "At"
            ) AS "Moments"
            GROUP BY "Key"
            """;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database
            .SqlQueryRaw<TotalsRow>(sql, since.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), (object?)environment ?? DBNull.Value)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.ToTotals(), StringComparer.Ordinal);
    }

    /// <summary>One group's sums, in seconds and byte-seconds.</summary>
    private sealed class TotalsRow
    {
        public string Key { get; set; } = "";
        public double CpuReservedSeconds { get; set; }
        public double MemoryReservedByteSeconds { get; set; }
        public double CpuUsedSeconds { get; set; }
        public double MemoryUsedByteSeconds { get; set; }
        public double VolumeByteSeconds { get; set; }
        public double RunningSeconds { get; set; }
        public double SuspendedSeconds { get; set; }

        public CostTotals ToTotals() => new(
            Hours(CpuReservedSeconds),
            Hours(MemoryReservedByteSeconds / BytesPerGib),
            Hours(CpuUsedSeconds),
            Hours(MemoryUsedByteSeconds / BytesPerGib),
            Hours(VolumeByteSeconds / BytesPerGib) / CostCalculator.HoursPerMonth,
            Hours(RunningSeconds),
            Hours(SuspendedSeconds),
            0,
            0);

        private static decimal Hours(double seconds) => (decimal)(seconds / SecondsPerHour);
    }
}
