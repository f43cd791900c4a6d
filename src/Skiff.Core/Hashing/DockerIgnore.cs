using System.Text;
using System.Text.RegularExpressions;

namespace Skiff.Core.Hashing;

/// <summary>
/// The rules of a <c>.dockerignore</c> file, as the Docker engine applies them: Go-style globs
/// with <c>**</c>, <c>!</c> exceptions, the last matching rule wins, and a rule that matches a folder
/// also matches everything inside it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<Rule> _rules;

    private DockerIgnore(IReadOnlyList<Rule> rules) => _rules = rules;

    public static DockerIgnore Empty { get; } = new([]);

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Reads <c>.dockerignore</c> from a context folder; an absent file ignores nothing.</summary>
    public static DockerIgnore ForContext(string contextDirectory)
    {
        var path = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;
    }

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<Rule>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var exclusion = line.StartsWith('!');
            if (exclusion)
                line = line[1..].Trim();
            var pattern = Clean(line);
            if (pattern.Length == 0)
                continue;
            rules.Add(new Rule(new Regex(ToRegex(pattern), RegexOptions.CultureInvariant), exclusion));
        }
        return new DockerIgnore(rules);
    }

    /// <summary>True when a path (relative to the context, '/'-separated) is left out of the context.</summary>
    public bool IsIgnored(string relativePath)
    {
        if (_rules.Count == 0)
            return false;
        var candidates = WithParents(relativePath.Replace('\\', '/').Trim('/'));
        var ignored = false;
        foreach (var rule in _rules)
        {
            if (candidates.Any(rule.Pattern.IsMatch))
                ignored = !rule.IsException;
        }
        return ignored;
    }

    private static IReadOnlyList<string> WithParents(string path)
    {
        var result = new List<string> { path };
        var slash = path.LastIndexOf('/');
        while (slash > 0)
        {
            path = path[..slash];
            result.Add(path);
            slash = path.LastIndexOf('/');
        }
        return result;
    }

    /// <summary>Like Go's filepath.Clean on a relative pattern: no leading '/', no '.' parts, no doubled '/'.</summary>
    private static string Clean(string pattern)
    {
        var parts = new List<string>();
        foreach (var part in pattern.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static string ToRegex(string pattern)
    {
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        builder.Append("(.*/)?");
                    }
                    else
                    {
                        builder.Append(".*");
                    }
                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }
                    var set = pattern[(i + 1)..end];
                    if (set.StartsWith('^') || set.StartsWith('!'))
                        set = "^" + set[1..];
                    builder.Append('[').Append(set.Replace(@"\", @"\\")).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    builder.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return builder.Append('$').ToString();
    }

    private sealed record Rule(Regex Pattern, bool IsException);
}
