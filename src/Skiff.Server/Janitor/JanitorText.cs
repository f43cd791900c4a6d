using System.Globalization;

namespace Skiff.Server.Janitor;

/// <summary>How the janitor words ages and counts in its messages.</summary>
internal static class JanitorText
{
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age switch
        {
            { TotalMinutes: < 1 } => $"{(int)age.TotalSeconds} s",
            { TotalHours: < 2 } => $"{(int)age.TotalMinutes} min",
            { TotalDays: < 2 } => $"{(int)age.TotalHours} h",
            _ => $"{(int)age.TotalDays} d",
        };
    }

    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
