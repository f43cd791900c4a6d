using System.Globalization;
using System.Text.RegularExpressions;

namespace Skiff.Core.Units;

/// <summary>
/// Memory sizes as Compose and Docker write them (<c>512m</c>, <c>1g</c>, <c>2gb</c>, a plain byte
/// count) and the unambiguous forms (<c>512MiB</c>, <c>2GiB</c>). Every unit is binary (k = 1024),
/// as in Docker's own parser.
/// </summary>
public static partial class ByteSize
{
    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*(?<u>[kmgtp]?)(?:i?b)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            return false;
        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var exponent = match.Groups["u"].Value.ToLowerInvariant() switch
        {
            "" => 0,
            "k" => 1,
            "m" => 2,
            "g" => 3,
            "t" => 4,
            _ => 5,
        };
        var value = number * Math.Pow(1024, exponent);
        if (value > long.MaxValue)
            return false;
        bytes = (long)value;
        return true;
    }

    /// <summary>A short human form, such as <c>512MiB</c> or <c>1.5GiB</c>.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value % 1 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + units[unit];
    }
}
