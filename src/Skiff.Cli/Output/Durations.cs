namespace Skiff.Cli.Output;

/// <summary>Short human forms of durations for CLI output.</summary>
public static class Durations
{
    public static string Format(long milliseconds) => milliseconds switch
    {
        < 1000 => $"{milliseconds} ms",
        < 60_000 => $"{milliseconds / 1000.0:0.0} s",
        _ => $"{milliseconds / 60_000} min {milliseconds % 60_000 / 1000} s",
    };

    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}
