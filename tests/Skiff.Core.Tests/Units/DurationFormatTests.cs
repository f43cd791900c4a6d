using Skiff.Core.Units;

namespace Skiff.Core.Tests.Units;

public class DurationFormatTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("0", 0)]
    public void Parses_compose_and_ttl_forms(string text, long milliseconds)
    {
        Assert.True(DurationFormat.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ten seconds")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("1m 30s")]
    public void Rejects_what_is_not_a_duration(string text) => Assert.False(DurationFormat.TryParse(text, out _));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(172_800_000, "2d")]
    [InlineData(0, "0s")]
    public void Formats_shortest_exact_form(long milliseconds, string expected) =>
        Assert.Equal(expected, DurationFormat.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
