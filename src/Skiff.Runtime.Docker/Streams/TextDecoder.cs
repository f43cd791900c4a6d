using System.Text;

namespace Skiff.Runtime.Docker.Streams;

/// <summary>
/// Decodes UTF-8 that arrives in frames (a character may be split between two frames) and cuts it
/// into lines. One per output stream, so stdout and stderr never split each other's lines.
/// </summary>
internal sealed class TextDecoder
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _partial = new();
    private char[] _chars = new char[4096];

    /// <summary>Decodes <paramref name="bytes"/> and adds every completed line to <paramref name="lines"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes, List<string> lines)
    {
        var text = Decode(bytes);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
                continue;
            _partial.Append(text[start..i]);
            lines.Add(TrimCarriageReturn(_partial.ToString()));
            _partial.Clear();
            start = i + 1;
        }
        _partial.Append(text[start..]);
    }

    /// <summary>Decodes <paramref name="bytes"/> as they are, without cutting lines.</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
            _chars = new char[needed];
        var count = _decoder.GetChars(bytes, _chars, flush: false);
        return _chars.AsSpan(0, count);
    }

    /// <summary>The last line when it had no newline, else null.</summary>
    public string? Flush()
    {
        if (_partial.Length == 0)
            return null;
        var line = TrimCarriageReturn(_partial.ToString());
        _partial.Clear();
        return line;
    }

    private static string TrimCarriageReturn(string line) => line.EndsWith('\r') ? line[..^1] : line;
}
