using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class InterpolationTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["NAME"] = "web",
        ["EMPTY"] = "",
        ["PORT"] = "8080",
        ["INNER"] = "inner",
    };

    private static Interpolation.Outcome Apply(string text) => Interpolation.Apply(text, n => Values.TryGetValue(n, out var v) ? v : null);

    [Theory]
    [InlineData("$NAME", "web")]
    [InlineData("${NAME}", "web")]
    [InlineData("a-$NAME-b", "a-web-b")]
    [InlineData("$NAME.example", "web.example")]
    [InlineData("${PORT}:80", "8080:80")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${MISSING-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${NAME:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${MISSING+alt}", "")]
    [InlineData("${MISSING:-${INNER}}", "inner")]
    [InlineData("${MISSING:-${ALSO_MISSING:-deep}}", "deep")]
    [InlineData("${MISSING:-a $NAME b}", "a web b")]
    [InlineData("${MISSING:-{json}}", "{json}")]
    [InlineData("$$NAME", "$NAME")]
    [InlineData("$$(cat /run/secrets/x)", "$(cat /run/secrets/x)")]
    [InlineData("${MISSING:-$$}", "$")]
    [InlineData("no variables", "no variables")]
    public void Expands_compose_syntax(string text, string expected)
    {
        var outcome = Apply(text);
        Assert.Null(outcome.Error);
        Assert.Equal(expected, outcome.Value);
    }

    [Fact]
    public void Unset_variables_become_empty_and_are_reported_once()
    {
        var outcome = Apply("$MISSING-${MISSING}");
        Assert.Equal("-", outcome.Value);
        Assert.Equal(["MISSING"], outcome.UnsetVariables);
    }

    [Fact]
    public void Defaults_are_expanded_only_when_used()
    {
        var outcome = Apply("${NAME:-${NOT_SET:?never evaluated}}");
        Assert.Equal("web", outcome.Value);
        Assert.Empty(outcome.UnsetVariables);
    }

    [Theory]
    [InlineData("${MISSING:?set it}", "required variable MISSING is missing a value: set it")]
    [InlineData("${EMPTY:?must not be empty}", "required variable EMPTY is missing a value: must not be empty")]
    [InlineData("${MISSING?}", "required variable MISSING is missing a value")]
    [InlineData("${MISSING?needs $NAME}", "required variable MISSING is missing a value: needs web")]
    public void Required_variables_fail_with_their_message(string text, string error) => Assert.Equal(error, Apply(text).Error);

    [Fact]
    public void Set_but_empty_passes_the_plain_question_mark() => Assert.Equal("", Apply("${EMPTY?x}").Value);

    [Theory]
    [InlineData("${NAME")]
    [InlineData("${}")]
    [InlineData("${1ABC}")]
    [InlineData("${NAME!x}")]
    [InlineData("echo $(date)")]
    [InlineData("costs 5$")]
    public void Invalid_syntax_is_an_error_that_suggests_escaping(string text)
    {
        var error = Apply(text).Error;
        Assert.NotNull(error);
        Assert.EndsWith("write $$ for a literal $", error);
    }
}
