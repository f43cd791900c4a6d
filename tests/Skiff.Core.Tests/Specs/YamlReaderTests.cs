using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class YamlReaderTests
{
    private static readonly SourceFile File = new("/repo/compose.yaml", "compose.yaml", "/repo");

    private static (IReadOnlyList<YNode>? Documents, Diagnostics Diagnostics) Parse(string text)
    {
        var diagnostics = new Diagnostics();
        return (YamlReader.Parse(text, File, diagnostics), diagnostics);
    }

    private static YMapping Root(string text)
    {
        var (documents, diagnostics) = Parse(text);
        Assert.Empty(diagnostics.Errors);
        return Assert.IsType<YMapping>(Assert.Single(documents!));
    }

    [Fact]
    public void Every_node_knows_its_file_line_and_column()
    {
        var root = Root("services:\n  web:\n    image: nginx\n");
        var web = (YMapping)((YMapping)root["services"]!)["web"]!;
        var image = (YScalar)web["image"]!;
        Assert.Equal("nginx", image.Value);
        Assert.Equal(new Skiff.Core.Specs.SourceLocation("compose.yaml", 3, 12), image.Location);
        Assert.Equal(3, web.FindEntry("image")!.Key.Line);
        Assert.Equal(5, web.FindEntry("image")!.Key.Column);
    }

    [Theory]
    [InlineData("a:", true)]
    [InlineData("a: ~", true)]
    [InlineData("a: null", true)]
    [InlineData("a: ''", false)]
    [InlineData("a: 'null'", false)]
    [InlineData("a: !!str null", false)]
    [InlineData("a: 0", false)]
    public void Null_is_only_a_plain_null(string text, bool isNull) =>
        Assert.Equal(isNull, ((YScalar)Root(text)["a"]!).IsNull);

    [Fact]
    public void Keeps_scalars_as_written_so_ports_are_never_sexagesimal()
    {
        var root = Root("ports: [80:80, 0x10, 1e3, yes]\n");
        var values = ((YSequence)root["ports"]!).Items.Cast<YScalar>().Select(s => s.Value);
        Assert.Equal(["80:80", "0x10", "1e3", "yes"], values);
    }

    [Fact]
    public void Resolves_aliases_and_merge_keys_with_explicit_keys_winning()
    {
        var root = Root("""
            x-base: &base
              image: app
              restart: always
            x-more: &more
              user: "1000"
              restart: no
            services:
              web:
                <<: [*base, *more]
                restart: on-failure
              worker: *base
            """);
        var services = (YMapping)root["services"]!;
        var web = (YMapping)services["web"]!;
        Assert.Equal(["restart", "image", "user"], web.Keys);
        Assert.Equal("on-failure", ((YScalar)web["restart"]!).Value);
        Assert.Equal("1000", ((YScalar)web["user"]!).Value);
        Assert.Equal("app", ((YScalar)((YMapping)services["worker"]!)["image"]!).Value);
    }

    [Fact]
    public void Keeps_reset_and_override_tags()
    {
        var root = Root("command: !reset\nports: !override [\"80\"]\n");
        Assert.Equal("!reset", root["command"]!.Tag);
        Assert.Equal("!override", root["ports"]!.Tag);
    }

    [Fact]
    public void Reports_broken_yaml_where_the_parser_stopped()
    {
        var (documents, diagnostics) = Parse("services:\n  web: [nginx\n");
        Assert.Null(documents);
        var error = Assert.Single(diagnostics.Errors);
        Assert.StartsWith("compose.yaml:3:1: invalid YAML: ", error.ToString());
    }

    [Fact]
    public void Reports_duplicate_keys()
    {
        var (_, diagnostics) = Parse("services:\n  web: {}\n  web: {}\n");
        Assert.Equal("compose.yaml:3:3: invalid YAML: Duplicate key web", Assert.Single(diagnostics.Errors).ToString());
    }

    [Fact]
    public void Reports_an_alias_without_anchor_at_the_alias()
    {
        var (_, diagnostics) = Parse("a: 1\nb: *nowhere\n");
        Assert.Equal("compose.yaml:2:4: invalid YAML: the alias '*nowhere' refers to no anchor defined before it; define '&nowhere' first",
            Assert.Single(diagnostics.Errors).ToString());
    }

    [Fact]
    public void Refuses_absurd_nesting_instead_of_overflowing_the_stack()
    {
        var (documents, diagnostics) = Parse(new string('[', 50_000));
        Assert.Null(documents);
        Assert.Contains("nests more than 100 levels", Assert.Single(diagnostics.Errors).Message);
    }

    [Fact]
    public void Refuses_alias_bombs()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        var (documents, diagnostics) = Parse(string.Join("\n", lines));
        Assert.Null(documents);
        Assert.Contains("has more than 200000 values", Assert.Single(diagnostics.Errors).Message);
    }

    [Fact]
    public void Refuses_non_string_keys()
    {
        var (_, diagnostics) = Parse("? [a, b]\n: c\n");
        Assert.Equal("compose.yaml:1:3: mapping keys must be strings; found a list", Assert.Single(diagnostics.Errors).ToString());
    }

    [Fact]
    public void Reads_every_document_and_none_of_an_empty_file()
    {
        Assert.Equal(2, Parse("a: 1\n---\nb: 2\n").Documents!.Count);
        Assert.Empty(Parse("# nothing here\n").Documents!);
    }
}
