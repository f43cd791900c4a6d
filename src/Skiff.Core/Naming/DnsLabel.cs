using System.Text.RegularExpressions;

namespace Skiff.Core.Naming;

/// <summary>RFC 1123 labels: what environment and service names must be, because they become host names.</summary>
public static partial class DnsLabel
{
    public const int MaxLength = 63;

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && Pattern().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is not a DNS label, or null when it is one.</summary>
    public static string? Explain(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "a name is required";
        if (name.Length > MaxLength)
            return $"'{name}' is {name.Length} characters long; a DNS label has at most {MaxLength}";
        if (!Pattern().IsMatch(name))
            return $"'{name}' is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit";
        return null;
    }

    /// <summary>Turns any text into a valid label (lowercase, '-' for other characters, trimmed to 63).</summary>
    public static string Sanitize(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-').ToArray();
        var label = Collapse().Replace(new string(chars), "-").Trim('-');
        if (label.Length > MaxLength)
            label = label[..MaxLength].TrimEnd('-');
        return label.Length == 0 ? "app" : label;
    }

    [GeneratedRegex("-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Collapse();
}
