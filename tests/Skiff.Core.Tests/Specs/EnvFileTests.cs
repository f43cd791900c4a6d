using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class EnvFileTests
{
    private static readonly SourceFile File = new("/repo/.env", ".env", "/repo");

    private static (IReadOnlyDictionary<string, string> Values, Diagnostics Diagnostics) Parse(string text, Dictionary<string, string>? outside = null)
    {
        var diagnostics = new Diagnostics();
        var values = EnvFile.Parse(text, File, n => outside is not null && outside.TryGetValue(n, out var v) ? v : null, diagnostics);
        return (values, diagnostics);
    }

    [Fact]
    public void Reads_lines_comments_quotes_and_exports()
    {
        var (values, diagnostics) = Parse("""
            # a comment
            PLAIN=value
            SPACED = spaced value   
            export EXPORTED=yes
            SINGLE='literal $NOT ${EXPANDED}'
            DOUBLE="line\nbreak \"quoted\" \$literal"
            INLINE=value # comment
            HASH=a#b
            EMPTY=
            URL=postgres://u:p@db:5432/x?sslmode=disable
            """);
        Assert.Empty(diagnostics.Errors);
        Assert.Equal("value", values["PLAIN"]);
        Assert.Equal("spaced value", values["SPACED"]);
        Assert.Equal("yes", values["EXPORTED"]);
        Assert.Equal("literal $NOT ${EXPANDED}", values["SINGLE"]);
        Assert.Equal("line\nbreak \"quoted\" $literal", values["DOUBLE"]);
        Assert.Equal("value", values["INLINE"]);
        Assert.Equal("a#b", values["HASH"]);
        Assert.Equal("", values["EMPTY"]);
        Assert.Equal("postgres://u:p@db:5432/x?sslmode=disable", values["URL"]);
    }

    [Fact]
    public void Quoted_values_may_span_lines()
    {
        var (values, _) = Parse("KEY=\"first\nsecond\"\nNEXT='a\nb'\nLAST=1\n");
        Assert.Equal("first\nsecond", values["KEY"]);
        Assert.Equal("a\nb", values["NEXT"]);
        Assert.Equal("1", values["LAST"]);
    }

    [Fact]
    public void Interpolates_from_outside_first_then_earlier_lines()
    {
        var (values, _) = Parse("HOST=db\nURL=http://${HOST}:${PORT:-80}\nSHADOW=$USER\n", new() { ["USER"] = "outside", ["HOST"] = "from-outside" });
        Assert.Equal("http://from-outside:80", values["URL"]);
        Assert.Equal("outside", values["SHADOW"]);
    }

    [Fact]
    public void A_key_alone_takes_the_outside_value_or_is_left_out()
    {
        var (values, _) = Parse("FROM_OUTSIDE\nNOT_SET\n", new() { ["FROM_OUTSIDE"] = "x" });
        Assert.Equal("x", values["FROM_OUTSIDE"]);
        Assert.False(values.ContainsKey("NOT_SET"));
    }

    [Fact]
    public void Reports_bad_lines_with_their_line_number()
    {
        var (values, diagnostics) = Parse("GOOD=1\n1BAD=2\nOPEN=\"never closed\n");
        Assert.Equal("1", values["GOOD"]);
        Assert.Equal(
            [".env:2:1: '1BAD' is not a variable name; expected KEY=VALUE lines with a letter or '_' first",
             ".env:3:1: the value of OPEN opens a \" quote that is never closed"],
            diagnostics.Errors.Select(e => e.ToString()));
    }
}
