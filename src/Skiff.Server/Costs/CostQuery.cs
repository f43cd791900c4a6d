using System.Globalization;
using Skiff.Core.Units;
using Skiff.Server.Store;

namespace Skiff.Server.Costs;

/// <summary>
/// The parameters of a cost report as the API and the CLI write them: <c>by</c> (env, repo or
/// author; default env) and <c>since</c> (a date, a date and time, or a duration back from now such
/// as <c>7d</c>; default the start of the current UTC month).
/// </summary>
public sealed record CostQuery(UsageGrouping By, DateTimeOffset Since)
{
    public static string Word(UsageGrouping by) => by switch
    {
        UsageGrouping.Environment => "env",
        UsageGrouping.Repository => "repo",
        _ => "author",
    };

    /// <summary>Reads the parameters; null and a one-line <paramref name="error"/> when they are wrong.</summary>
    public static CostQuery? Parse(string? by, string? since, DateTimeOffset now, out string? error)
    {
        error = null;
        UsageGrouping? grouping = (by?.Trim().ToLowerInvariant() ?? "") switch
        {
            "" or "env" or "environment" => UsageGrouping.Environment,
            "repo" or "repository" => UsageGrouping.Repository,
            "author" => UsageGrouping.Author,
            _ => null,
        };
        if (grouping is null)
        {
            error = $"by: expected env, repo or author, got '{by}'";
            return null;
        }
        if (ParseSince(since, now, out error) is not { } start)
            return null;
        return new CostQuery(grouping.Value, start);
    }

    private static DateTimeOffset? ParseSince(string? text, DateTimeOffset now, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return MonthToDate.MonthStart(now);
        text = text.Trim();
        DateTimeOffset since;
        if (DurationFormat.TryParse(text, out var back))
        {
            since = now - back;
        }
        else if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
                 || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out day))
        {
            since = day.ToUniversalTime();
        }
        else
        {
            error = $"since: expected a date (2026-12-01), a date and time (2026-12-01T08:00:00Z) or a duration (7d, 12h), got '{text}'";
            return null;
        }
        if (since > now)
        {
            error = $"since: {since:yyyy-MM-dd HH:mm:ss} UTC is in the future";
            return null;
        }
        return since;
    }
}
