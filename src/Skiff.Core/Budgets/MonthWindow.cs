namespace Skiff.Core.Budgets;

/// <summary>A calendar month in UTC: [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public sealed record MonthWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The UTC calendar month that contains <paramref name="now"/> (whatever its offset).</summary>
    public static MonthWindow Of(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new MonthWindow(start, start.AddMonths(1));
    }

    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    public TimeSpan Length => End - Start;
}
