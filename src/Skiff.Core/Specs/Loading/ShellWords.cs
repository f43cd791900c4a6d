using System.Collections.Immutable;
using System.Text;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Splits a command string into words as a POSIX shell would, without expanding anything:
/// blanks separate words, single quotes keep text literally, double quotes keep blanks and allow
/// <c>\"</c>, <c>\\</c>, <c>\$</c> and <c>\`</c>, and a backslash outside quotes escapes the next character.
/// </summary>
internal static class ShellWords
{
    /// <summary>The words, or null with <paramref name="error"/> set when a quote is not closed.</summary>
    public static ImmutableArray<string>? Split(string text, out string? error)
    {
        error = null;
        var words = ImmutableArray.CreateBuilder<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
                i++;
                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                {
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = "a ' quote is never closed";
                        return null;
                    }
                    word.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                }
                case '"':
                {
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        if (text[i] == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            word.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }
                        word.Append(text[i]);
                        i++;
                    }
                    if (!closed)
                    {
                        error = "a \" quote is never closed";
                        return null;
                    }
                    break;
                }
                case '\\' when i + 1 < text.Length:
                    if (text[i + 1] != '\n')
                        word.Append(text[i + 1]);
                    i += 2;
                    break;
                default:
                    word.Append(c);
                    i++;
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words.ToImmutable();
    }
}
