using System.Text;
using Skiff.Runtime.Docker.Streams;

namespace Skiff.Runtime.Docker.Tests.Streams;

public sealed class TextDecoderTests
{
    [Fact]
    public void A_character_split_between_frames_is_decoded_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("prix: 3€\nfin");
        var decoder = new TextDecoder();
        var lines = new List<string>();

        // Cut inside the three bytes of '€'.
        var cut = Array.IndexOf(bytes, (byte)0xE2) + 1;
        decoder.Append(bytes.AsSpan(0, cut), lines);
        decoder.Append(bytes.AsSpan(cut), lines);

        Assert.Equal(["prix: 3€"], lines);
        Assert.Equal("fin", decoder.Flush());
        Assert.Null(decoder.Flush());
    }

    [Fact]
    public void Carriage_returns_before_newlines_are_dropped()
    {
        var decoder = new TextDecoder();
        var lines = new List<string>();

        decoder.Append("a\r\nb\n\n"u8, lines);

        Assert.Equal(["a", "b", ""], lines);
    }
}
