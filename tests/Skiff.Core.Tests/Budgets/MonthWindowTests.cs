using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Budgets;

namespace Skiff.Core.Tests.Budgets;

public class MonthWindowTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void The_31st_belongs_to_its_month_until_midnight_utc()
    {
        var time = new FakeTimeProvider(Utc(2026, 12, 31, 23, 59, 59));

        var december = MonthWindow.Of(time.GetUtcNow());
        Assert.Equal(new MonthWindow(Utc(2026, 12, 1), Utc(2027, 1, 1)), december);
        Assert.True(december.Contains(time.GetUtcNow()));

        time.Advance(TimeSpan.FromSeconds(1));
        var january = MonthWindow.Of(time.GetUtcNow());
        Assert.Equal(new MonthWindow(Utc(2027, 1, 1), Utc(2027, 2, 1)), january);
        Assert.False(december.Contains(time.GetUtcNow())); // the end is exclusive
        Assert.True(january.Contains(time.GetUtcNow()));
    }

    [Fact]
    public void Local_offsets_are_converted_to_utc_first()
    {
        // 1 January 01:00 in UTC+2 is still 31 December 23:00 in UTC.
        var window = MonthWindow.Of(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(Utc(2026, 12, 1), window.Start);
        Assert.Equal(TimeSpan.Zero, window.Start.Offset);

        // 31 March 20:00 in UTC-5 is already 1 April in UTC.
        Assert.Equal(Utc(2026, 4, 1), MonthWindow.Of(new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.FromHours(-5))).Start);
    }

    [Fact]
    public void Months_have_their_own_lengths()
    {
        Assert.Equal(TimeSpan.FromDays(31), MonthWindow.Of(Utc(2027, 1, 31, 12)).Length);
        Assert.Equal(TimeSpan.FromDays(28), MonthWindow.Of(Utc(2027, 2, 28, 12)).Length);
        Assert.Equal(new MonthWindow(Utc(2028, 2, 1), Utc(2028, 3, 1)), MonthWindow.Of(Utc(2028, 2, 29, 23, 59)));
        Assert.Equal(TimeSpan.FromDays(30), MonthWindow.Of(Utc(2026, 4, 1)).Length);
    }
}
