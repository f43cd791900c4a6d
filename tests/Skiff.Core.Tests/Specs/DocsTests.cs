using System.Text.Json;
using System.Text.RegularExpressions;
using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>docs/spec.md and docs/skiff.schema.json stay true: their examples load, their tables match the loader.</summary>
public partial class DocsTests
{
    private static readonly string Docs = Path.Combine(Fixtures.RepositoryRoot, "docs");
    private static readonly string Markdown = File.ReadAllText(Path.Combine(Docs, "spec.md"));

    private sealed record Example(string Name, string File, string Yaml, string? ExpectedErrors);

    [GeneratedRegex(@"<!-- (?<kind>example|error-example): (?<name>[^/]+)/(?<file>\S+) -->\s*```yaml\n(?<yaml>.*?)```(\s*```text\n(?<text>.*?)```)?", RegexOptions.Singleline)]
    private static partial Regex ExamplePattern();

    [GeneratedRegex(@"<!-- example-alone: (?<name>\S+) -->")]
    private static partial Regex AlonePattern();

    private static IReadOnlyList<Example> Examples() =>
        [.. ExamplePattern().Matches(Markdown).Select(m => new Example(m.Groups["name"].Value, m.Groups["file"].Value, m.Groups["yaml"].Value,
            m.Groups["kind"].Value == "error-example" ? m.Groups["text"].Value : null))];

    private static readonly SpecLoadOptions Options = TempRepo.NoVariables with { CheckFilesExist = false };

    private static SpecLoadResult LoadExample(string name)
    {
        var files = Examples().Where(e => e.Name == name).ToList();
        var alone = AlonePattern().Matches(Markdown).Any(m => m.Groups["name"].Value == name);
        using var repo = new TempRepo();
        foreach (var file in files)
            repo.Write(file.File, file.Yaml);
        if (!alone && name != "default" && files.All(f => f.File == "skiff.yaml"))
            repo.Write("compose.yaml", Examples().Single(e => e.Name == "default").Yaml);
        return repo.Load(Options);
    }

    public static TheoryData<string> CompleteExamples() => [.. Examples().Where(e => e.ExpectedErrors is null).Select(e => e.Name).Distinct()];

    public static TheoryData<string> ErrorExamples() => [.. Examples().Where(e => e.ExpectedErrors is not null).Select(e => e.Name).Distinct()];

    [Fact]
    public void The_page_has_examples_for_every_skiff_yaml_key()
    {
        var count = Examples().Where(e => e.ExpectedErrors is null).Select(e => e.Name).Distinct().Count();
        Assert.True(count >= 15, $"only {count} examples found");
        foreach (var key in SkiffFileReader.KnownKeys)
        {
            Assert.Contains($"`{key}`", Markdown);
            Assert.Contains(Examples(), e => e.File.EndsWith("skiff.yaml", StringComparison.Ordinal) && Regex.IsMatch(e.Yaml, $"^{key}:", RegexOptions.Multiline));
        }
    }

    [Theory]
    [MemberData(nameof(CompleteExamples))]
    public void Every_complete_example_loads(string name)
    {
        var result = LoadExample(name);
        Assert.True(result.Succeeded, $"{name}:\n{string.Join("\n", result.Errors)}");
    }

    [Theory]
    [MemberData(nameof(ErrorExamples))]
    public void Every_error_example_gives_the_errors_shown(string name)
    {
        var expected = Examples().Single(e => e.Name == name && e.ExpectedErrors is not null).ExpectedErrors!;
        Assert.Equal(expected.Trim().Split('\n'), CorpusAssert.Lines(LoadExample(name).Errors));
    }

    [Fact]
    public void Examples_mean_what_the_page_says()
    {
        var web = LoadExample("override").Spec!.FindService("web")!;
        Assert.Equal(new Dictionary<string, string> { ["CACHE"] = "on", ["LOG_LEVEL"] = "debug" }, web.Environment);
        Assert.Equal([80, 9229], web.Ports.Select(p => p.ContainerPort));

        var extends = LoadExample("extends").Spec!;
        Assert.Equal("example/app:2", extends.FindService("worker")!.Image);
        Assert.Empty(extends.FindService("worker")!.Ports);
        Assert.Equal(["worker"], extends.FindService("worker")!.Command!.Value.ToArray());

        var variables = LoadExample("variables").Spec!.FindService("web")!;
        Assert.Equal("example/web:latest", variables.Image);
        Assert.Equal(8080, variables.Ports[0].HostPort);
        Assert.Equal("price: $5", variables.Environment["GREETING"]);
        Assert.Equal("production", variables.Environment["MODE"]);

        var everything = LoadExample("everything").Spec!.Settings;
        Assert.Equal(SettingsReader.PsqlCommand, everything.Seed!.Command);
        Assert.Equal(["preview"], everything.ActiveProfiles.ToArray());

        Assert.Equal(["sh", "-c", "PGPASSWORD=$POSTGRES_PASSWORD sh"], LoadExample("seed-command").Spec!.Settings.Seed!.Command.ToArray());
        Assert.Equal(["web", "worker", "db", "mailcatcher"], LoadExample("profiles").Spec!.Services.Select(s => s.Name));
        Assert.Equal(["app", "db"], LoadExample("standalone").Spec!.Services.Select(s => s.Name));
    }

    [Fact]
    public void The_service_key_table_matches_the_loader()
    {
        var section = Markdown[Markdown.IndexOf("### Service keys", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n#### ", StringComparison.Ordinal)];
        var rows = Regex.Matches(section, @"^\| `(?<key>[^`]+)` \| (?<support>\w+)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["support"].Value);
        Assert.Equal(ServiceKeys.All.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, rule) in ServiceKeys.All)
            Assert.True(rule.Support.ToString().Equals(rows[key], StringComparison.OrdinalIgnoreCase), $"{key}: the page says {rows[key]}, the loader {rule.Support}");
    }

    [Fact]
    public void The_schema_is_draft_2020_12_json_whose_keys_are_the_loaders()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Docs, "skiff.schema.json")));
        var root = schema.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(SkiffFileReader.KnownKeys.Order(StringComparer.Ordinal), Names(root.GetProperty("properties")));

        var definitions = root.GetProperty("$defs");
        Assert.Equal(ServiceKeys.All.Keys.Order(StringComparer.Ordinal), Names(definitions.GetProperty("service").GetProperty("properties")));
        Assert.Equal(["command", "file", "service"], Names(definitions.GetProperty("seed").GetProperty("properties")));
        Assert.Equal(["cpu", "memory"], Names(definitions.GetProperty("resources").GetProperty("properties")));

        // Every $ref points at a definition that exists.
        foreach (var reference in Regex.Matches(root.GetRawText(), "\"\\$ref\": \"#/\\$defs/(?<name>[^\"]+)\"").Select(m => m.Groups["name"].Value))
            Assert.True(definitions.TryGetProperty(reference, out _), $"missing $defs/{reference}");
    }

    [Fact]
    public void The_schema_duration_pattern_agrees_with_the_loader()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Docs, "skiff.schema.json")));
        var pattern = new Regex(schema.RootElement.GetProperty("$defs").GetProperty("duration").GetProperty("pattern").GetString()!);
        foreach (var text in new[] { "30s", "1m30s", "500ms", "12h", "3d", "1w", "1.5h", "0" })
        {
            Assert.Matches(pattern, text);
            Assert.True(Skiff.Core.Units.DurationFormat.TryParse(text, out _), text);
        }
        foreach (var text in new[] { "3 days", "1x", "", "h" })
            Assert.DoesNotMatch(pattern, text);
    }

    private static IEnumerable<string> Names(JsonElement properties) =>
        properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
}
