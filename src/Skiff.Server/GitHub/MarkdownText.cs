using System.Text;
using System.Text.RegularExpressions;

namespace Skiff.Server.GitHub;

/// <summary>Safe pieces of GitHub Markdown from text that may come from users or programs.</summary>
internal static partial class MarkdownText
{
    /// <summary>Plain text on one line: Markdown and HTML characters are escaped, so nothing in it formats, links or hides text.</summary>
    public static string Escape(string text, int maxLength = 500)
    {
        var line = Limit(OneLine(Clean(text)), maxLength);
        var builder = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '#' or '!' or '&' or '{' or '}')
                builder.Append('\\');
            builder.Append(c);
        }
        // A leading "-", "+", "=" or "1." would start a list or a heading underline.
        if (builder.Length > 0 && builder[0] is '-' or '+' or '=')
            builder.Insert(0, '\\');
        var number = LeadingListNumber().Match(builder.ToString());
        if (number.Success)
            builder.Insert(number.Length - 1, '\\');
        return builder.ToString();
    }

    /// <summary>Text as inline code, delimited by more backticks than it contains in a row.</summary>
    public static string InlineCode(string text)
    {
        var line = Limit(OneLine(Clean(text)), 200);
        var fence = new string('`', LongestBacktickRun(line) + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') ? " " : "";
        return fence + pad + line + pad + fence;
    }

    /// <summary>A link to an http(s) address; anything else is shown as code, not linked.</summary>
    public static string Link(string text, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return InlineCode(url);
        var target = uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
        return $"[{Escape(text)}]({target})";
    }

    /// <summary>
    /// A fenced code block whose fence is longer than any run of backticks inside, so no line can
    /// close it early; control characters and terminal colour codes are removed, long lines cut.
    /// </summary>
    public static string FencedBlock(IEnumerable<string> lines, int maxLineLength)
    {
        var cleaned = lines.Select(line => Limit(Clean(line).TrimEnd(), maxLineLength)).ToList();
        var fence = new string('`', Math.Max(3, cleaned.Select(LongestBacktickRun).DefaultIfEmpty(0).Max() + 1));
        var builder = new StringBuilder();
        builder.Append(fence).Append("text\n");
        foreach (var line in cleaned)
            builder.Append(line).Append('\n');
        builder.Append(fence).Append('\n');
        return builder.ToString();
    }

    /// <summary>Text split into lines, whatever its line endings.</summary>
    public static IEnumerable<string> Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n');

    private static string Clean(string text)
    {
        var withoutCodes = TerminalCode().Replace(text, "");
        var builder = new StringBuilder(withoutCodes.Length);
        foreach (var c in withoutCodes)
        {
            if (c == '\t')
                builder.Append("    ");
            else if (c == '\n' || !char.IsControl(c))
                builder.Append(c);
        }
        return builder.ToString();
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Limit(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    [GeneratedRegex(@"\x1B(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)?|[@-Z\\-_])")]
    private static partial Regex TerminalCode();

    [GeneratedRegex(@"^\d{1,9}[.)]")]
    private static partial Regex LeadingListNumber();
}
