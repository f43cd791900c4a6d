using System.Text.RegularExpressions;

namespace Skiff.Server.Sources;

/// <summary>A validated <c>owner/name</c>, lower-cased (GitHub names are case-insensitive) so it can name folders.</summary>
internal sealed partial record RepositoryName(string Owner, string Name)
{
    public string FullName => $"{Owner}/{Name}";

    public static RepositoryName Parse(string? repository)
    {
        var parts = (repository ?? "").Split('/');
        if (parts.Length != 2 || !OwnerPattern().IsMatch(parts[0]) || !NamePattern().IsMatch(parts[1]) || parts[1] is "." or "..")
        {
            throw new GitSourceException(
                $"repository '{Printable(repository)}' is not owner/name (letters, digits, '-', '_', '.'; the owner starts with a letter or digit)");
        }
        return new RepositoryName(parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant());
    }

    public override string ToString() => FullName;

    /// <summary>The value cut short and with control characters replaced, safe to put in a one-line message.</summary>
    internal static string Printable(string? value)
    {
        var text = new string((value ?? "").Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value is { Length: > 120 } ? text + "…" : text;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex NamePattern();
}
