using System.Text;
using System.Text.RegularExpressions;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Parses <c>.env</c> and <c>env_file</c> files as Compose does: <c>KEY=VALUE</c> lines, blank
/// lines and <c>#</c> comments, an optional <c>export</c>, single quotes (literal), double quotes
/// (escapes and interpolation, may span lines), unquoted values (trimmed, <c> #comment</c> dropped,
/// interpolated) and <c>KEY</c> alone (taken from the variables, left out when unset).
/// </summary>
internal static partial class EnvFile
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>The variables of a file, in order; null when it cannot be read (an error is reported at <paramref name="at"/>).</summary>
    public static IReadOnlyDictionary<string, string>? Read(SourceFile file, Func<string, string?> lookup, Diagnostics diagnostics,
        SourceLocation? at, string keyPath)
    {
        string text;
        try
        {
            if (new FileInfo(file.FullPath).Length > YamlReader.MaxFileBytes)
            {
                diagnostics.Error(at, keyPath, $"the environment file '{file.DisplayPath}' is larger than {YamlReader.MaxFileBytes} bytes");
                return null;
            }
            text = File.ReadAllText(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(at, keyPath, $"cannot read the environment file '{file.DisplayPath}': {e.Message}");
            return null;
        }
        return Parse(text, file, lookup, diagnostics);
    }

    public static IReadOnlyDictionary<string, string> Parse(string text, SourceFile file, Func<string, string?> lookup, Diagnostics diagnostics)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Cursor(text.Replace("\r\n", "\n"));
        string? Lookup(string name) => lookup(name) ?? (result.TryGetValue(name, out var v) ? v : null);

        while (!reader.AtEnd)
        {
            reader.SkipBlanks();
            var line = reader.Line;
            if (reader.AtEnd)
                break;
            if (reader.Peek is '\n' or '#')
            {
                reader.SkipLine();
                continue;
            }

            var key = reader.ReadKey();
            if (key == "export" && reader.Peek is ' ' or '\t')
            {
                reader.SkipBlanks();
                key = reader.ReadKey();
            }
            var where = new SourceLocation(file.DisplayPath, line, 1);
            if (!KeyPattern().IsMatch(key))
            {
                diagnostics.Error(where, "", $"'{key}' is not a variable name; expected KEY=VALUE lines with a letter or '_' first");
                reader.SkipLine();
                continue;
            }

            reader.SkipBlanks();
            if (reader.AtEnd || reader.Peek is '\n' or '#')
            {
                reader.SkipLine();
                if (lookup(key) is { } inherited)
                    result[key] = inherited;
                continue;
            }
            if (reader.Peek != '=')
            {
                diagnostics.Error(where, "", $"expected '=' after '{key}' (KEY=VALUE)");
                reader.SkipLine();
                continue;
            }
            reader.Next();
            reader.SkipBlanks();

            var value = ReadValue(reader, key, where, Lookup, diagnostics);
            if (value is not null)
                result[key] = value;
        }
        return result;
    }

    private static string? ReadValue(Cursor reader, string key, SourceLocation where, Func<string, string?> lookup, Diagnostics diagnostics)
    {
        switch (reader.AtEnd ? '\0' : reader.Peek)
        {
            case '\'':
            {
                reader.Next();
                var raw = reader.ReadUntil('\'', escapes: false);
                if (raw is null)
                {
                    diagnostics.Error(where, "", $"the value of {key} opens a ' quote that is never closed");
                    return null;
                }
                reader.SkipLine();
                return raw;
            }
            case '"':
            {
                reader.Next();
                var raw = reader.ReadUntil('"', escapes: true);
                if (raw is null)
                {
                    diagnostics.Error(where, "", $"the value of {key} opens a \" quote that is never closed");
                    return null;
                }
                reader.SkipLine();
                return Expand(Unescape(raw), key, where, lookup, diagnostics);
            }
            default:
            {
                var raw = reader.ReadLine();
                var comment = raw.IndexOf(" #", StringComparison.Ordinal);
                var tabComment = raw.IndexOf("\t#", StringComparison.Ordinal);
                if (tabComment >= 0 && (comment < 0 || tabComment < comment))
                    comment = tabComment;
                if (comment >= 0)
                    raw = raw[..comment];
                return Expand(raw.Trim(), key, where, lookup, diagnostics);
            }
        }
    }

    private static string? Expand(string raw, string key, SourceLocation where, Func<string, string?> lookup, Diagnostics diagnostics)
    {
        if (!Interpolation.NeedsExpansion(raw))
            return raw;
        var outcome = Interpolation.Apply(raw, lookup);
        foreach (var name in outcome.UnsetVariables)
            diagnostics.Warn(where, "", $"variable '{name}' (used by {key}) is not set; using an empty string");
        if (outcome.Error is not null)
        {
            diagnostics.Error(where, "", $"{key}: {outcome.Error}");
            return null;
        }
        return outcome.Value;
    }

    /// <summary>Double-quote escapes; <c>\$</c> becomes <c>$$</c> so interpolation leaves a literal <c>$</c>.</summary>
    private static string Unescape(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                builder.Append(raw[i]);
                continue;
            }
            i++;
            builder.Append(raw[i] switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '$' => "$$",
                '"' => "\"",
                '\\' => "\\",
                var other => "\\" + other,
            });
        }
        return builder.ToString();
    }

    private sealed class Cursor(string text)
    {
        private int _position;

        public int Line { get; private set; } = 1;

        public bool AtEnd => _position >= text.Length;

        public char Peek => text[_position];

        public void Next()
        {
            if (text[_position] == '\n')
                Line++;
            _position++;
        }

        public void SkipBlanks()
        {
            while (!AtEnd && Peek is ' ' or '\t')
                _position++;
        }

        public void SkipLine() => ReadLine();

        public string ReadLine()
        {
            var start = _position;
            while (!AtEnd && Peek != '\n')
                _position++;
            var line = text[start.._position];
            if (!AtEnd)
                Next();
            return line;
        }

        public string ReadKey()
        {
            var start = _position;
            while (!AtEnd && Peek is not ('=' or ' ' or '\t' or '\n'))
                _position++;
            return text[start.._position];
        }

        /// <summary>Text up to the closing <paramref name="quote"/> (consumed), or null when it never comes.</summary>
        public string? ReadUntil(char quote, bool escapes)
        {
            var start = _position;
            while (!AtEnd)
            {
                if (escapes && Peek == '\\' && _position + 1 < text.Length)
                {
                    Next();
                    Next();
                    continue;
                }
                if (Peek == quote)
                {
                    var value = text[start.._position];
                    Next();
                    return value;
                }
                Next();
            }
            return null;
        }
    }
}
