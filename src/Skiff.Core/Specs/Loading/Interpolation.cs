using System.Text;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Compose variable interpolation in one string: <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>,
/// <c>${VAR-default}</c>, <c>${VAR:?error}</c>, <c>${VAR?error}</c>, <c>${VAR:+alt}</c>,
/// <c>${VAR+alt}</c>, nested in defaults, and <c>$$</c> for a literal <c>$</c>. Defaults and
/// alternatives are expanded only when used.
/// </summary>
internal static class Interpolation
{
    /// <summary>The expanded text, or an error; plus the variables that were used unset (each once).</summary>
    internal sealed record Outcome(string? Value, IReadOnlyList<string> UnsetVariables, string? Error);

    public static Outcome Apply(string text, Func<string, string?> lookup)
    {
        var state = new State(lookup);
        var value = Expand(text, state);
        return state.Error is null ? new Outcome(value, state.Unset, null) : new Outcome(null, state.Unset, state.Error);
    }

    public static bool NeedsExpansion(string text) => text.Contains('$');

    private sealed class State(Func<string, string?> lookup)
    {
        public Func<string, string?> Lookup { get; } = lookup;

        public List<string> Unset { get; } = [];

        public string? Error { get; set; }

        public string Resolve(string name)
        {
            if (Lookup(name) is { } value)
                return value;
            if (!Unset.Contains(name))
                Unset.Add(name);
            return "";
        }
    }

    private static string Expand(string text, State state)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length && state.Error is null)
        {
            var c = text[i];
            if (c != '$')
            {
                builder.Append(c);
                i++;
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (next == '$')
            {
                builder.Append('$');
                i += 2;
            }
            else if (next == '{')
            {
                var close = FindClosingBrace(text, i + 2);
                if (close < 0)
                {
                    state.Error = Invalid(text[i..], "the '${' is never closed with '}'");
                    break;
                }
                builder.Append(ExpandBraced(text[(i + 2)..close], state));
                i = close + 1;
            }
            else if (IsNameStart(next))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end]))
                    end++;
                builder.Append(state.Resolve(text[(i + 1)..end]));
                i = end;
            }
            else
            {
                state.Error = Invalid(text, "a '$' must start $NAME or ${NAME}");
            }
        }
        return builder.ToString();
    }

    private static string ExpandBraced(string body, State state)
    {
        var nameEnd = 0;
        if (body.Length > 0 && IsNameStart(body[0]))
        {
            nameEnd = 1;
            while (nameEnd < body.Length && IsNamePart(body[nameEnd]))
                nameEnd++;
        }
        if (nameEnd == 0)
        {
            state.Error = Invalid("${" + body + "}", "a variable name must start with a letter or '_'");
            return "";
        }

        var name = body[..nameEnd];
        var rest = body[nameEnd..];
        if (rest.Length == 0)
            return state.Resolve(name);

        var colon = rest[0] == ':';
        var op = colon ? (rest.Length > 1 ? rest[1] : '\0') : rest[0];
        var argument = rest[(colon ? 2 : 1)..];
        if (op is not ('-' or '?' or '+'))
        {
            state.Error = Invalid("${" + body + "}", "expected ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+alt} or ${NAME+alt}");
            return "";
        }

        var value = state.Lookup(name);
        var isSet = value is not null;
        var isUsable = colon ? !string.IsNullOrEmpty(value) : isSet;
        switch (op)
        {
            case '-':
                return isUsable ? value! : Expand(argument, state);
            case '+':
                return isUsable ? Expand(argument, state) : "";
            default:
                if (isUsable)
                    return value!;
                var detail = Expand(argument, state);
                state.Error ??= detail.Length == 0
                    ? $"required variable {name} is missing a value"
                    : $"required variable {name} is missing a value: {detail}";
                return "";
        }
    }

    /// <summary>The index of the '}' that closes a '${' whose body starts at <paramref name="start"/>, or -1.</summary>
    private static int FindClosingBrace(string text, int start)
    {
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                i++;
            }
            else if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}')
            {
                depth--;
                if (depth == 0)
                    return i;
            }
        }
        return -1;
    }

    private static string Invalid(string text, string why) =>
        $"invalid interpolation in \"{text}\": {why}; write $$ for a literal $";

    private static bool IsNameStart(char c) => c is '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsNamePart(char c) => IsNameStart(c) || c is >= '0' and <= '9';
}
