using Skiff.Server.Costs;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.Costs;

public sealed class CostQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 17, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Defaults_are_by_environment_since_the_start_of_the_utc_month()
    {
        var query = CostQuery.Parse(null, null, Now, out var error);

        Assert.Null(error);
        Assert.Equal(new CostQuery(UsageGrouping.Environment, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), query);
    }

    [Theory]
    [InlineData("env", UsageGrouping.Environment)]
    [InlineData("environment", UsageGrouping.Environment)]
    [InlineData("repo", UsageGrouping.Repository)]
    [InlineData("REPOSITORY", UsageGrouping.Repository)]
    [InlineData("author", UsageGrouping.Author)]
    public void By_accepts_its_words(string by, UsageGrouping expected) =>
        Assert.Equal(expected, CostQuery.Parse(by, null, Now, out _)!.By);

    [Theory]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-10T08:00:00Z", "2026-12-10T08:00:00Z")]
    [InlineData("2026-12-10T09:00:00+01:00", "2026-12-10T08:00:00Z")]
    [InlineData("7d", "2026-12-10T15:30:00Z")]
    [InlineData("12h", "2026-12-17T03:30:00Z")]
    [InlineData("90m", "2026-12-17T14:00:00Z")]
    public void Since_is_a_date_a_time_or_a_duration_back(string since, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CostQuery.Parse(null, since, Now, out _)!.Since);

    [Theory]
    [InlineData("team", null, "by: expected env, repo or author, got 'team'")]
    [InlineData(null, "last week", "since: expected a date")]
    [InlineData(null, "2026-13-01", "since: expected a date")]
    [InlineData(null, "-7d", "since: expected a date")]
    [InlineData(null, "2027-01-01", "is in the future")]
    public void Bad_parameters_say_what_is_expected(string? by, string? since, string message)
    {
        Assert.Null(CostQuery.Parse(by, since, Now, out var error));
        Assert.Contains(message, error);
    }
}
