using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Skiff.Core.Units;

/// <summary>
/// Durations as Compose writes them (<c>1m30s</c>, <c>500ms</c>, Go's time.ParseDuration) plus the
/// days and weeks TTLs need (<c>2d</c>, <c>1w</c>).
/// </summary>
public static partial class DurationFormat
{
    [GeneratedRegex(@"\G(?<n>\d+(?:\.\d+)?|\.\d+)(?<u>ns|us|µs|ms|s|m|h|d|w)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Parses a duration; returns false for anything else (including negative values).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        if (text == "0")
            return true;

        var position = 0;
        double ticks = 0;
        while (position < text.Length)
        {
            var match = Part().Match(text, position);
            if (!match.Success)
                return false;
            var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            ticks += number * TicksPer(match.Groups["u"].Value);
            position += match.Length;
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
            return false;
        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>The shortest exact form, such as <c>1h30m</c> or <c>2d</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
            return "0s";
        var builder = new StringBuilder();
        var remaining = value;
        Append(ref remaining, TimeSpan.FromDays(1), "d", builder);
        Append(ref remaining, TimeSpan.FromHours(1), "h", builder);
        Append(ref remaining, TimeSpan.FromMinutes(1), "m", builder);
        Append(ref remaining, TimeSpan.FromSeconds(1), "s", builder);
        Append(ref remaining, TimeSpan.FromMilliseconds(1), "ms", builder);
        return builder.ToString();
    }

    private static void Append(ref TimeSpan remaining, TimeSpan unit, string suffix, StringBuilder builder)
    {
        var count = remaining.Ticks / unit.Ticks;
        if (count <= 0)
            return;
        builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(suffix);
        remaining -= TimeSpan.FromTicks(count * unit.Ticks);
    }

    private static double TicksPer(string unit) => unit switch
    {
        "ns" => 0.01,
        "us" or "µs" => 10,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        "d" => TimeSpan.TicksPerDay,
        "w" => TimeSpan.TicksPerDay * 7,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown duration unit"),
    };
}
