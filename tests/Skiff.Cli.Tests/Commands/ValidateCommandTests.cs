using System.Text.Json;
using Skiff.Cli.Tests.Support;
using Skiff.Tests.Shared;

namespace Skiff.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempCopy _app = new(Path.Combine(RepositoryPaths.Examples, "shop"));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_example_is_valid()
    {
        var result = await CliRun.RunAsync("validate", _app.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid (3 services: web, api, db; public: web)", result.Out);
    }

    [Fact]
    public async Task Json_prints_one_document_and_nothing_else()
    {
        var result = await CliRun.RunAsync("validate", _app.Path, "--json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.True(document.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("web", document.RootElement.GetProperty("publicService").GetString());
        Assert.Equal(3, document.RootElement.GetProperty("services").GetArrayLength());
    }

    [Fact]
    public async Task Broken_yaml_names_the_file_line_and_column_and_exits_5()
    {
        _app.Write("compose.yaml", _app.Read("compose.yaml").Replace("  web:\n", "  web:\n   image: [oops\n"));

        var result = await CliRun.RunAsync("validate", _app.Path);

        Assert.Equal(5, result.ExitCode);
        Assert.Matches(@"compose\.yaml:\d+:\d+: ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_cycle_prints_the_cycle()
    {
        _app.Write("compose.yaml", _app.Read("compose.yaml").Replace("    build: ./db\n", "    build: ./db\n    depends_on: [web]\n"));

        var result = await CliRun.RunAsync("validate", _app.Path);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("dependency cycle detected:", result.Error);
        Assert.Contains("->", result.Error);
    }

    [Fact]
    public async Task A_folder_without_a_spec_says_what_it_looked_for()
    {
        using var empty = new TempDirectory();

        var result = await CliRun.RunAsync("validate", empty.Path);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("compose.yaml", result.Error);
    }
}

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("skiff-empty-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
