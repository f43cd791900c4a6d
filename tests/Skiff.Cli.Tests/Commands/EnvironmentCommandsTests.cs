using System.Text.Json;
using Skiff.Cli.Tests.Support;
using Skiff.Tests.Shared;

namespace Skiff.Cli.Tests.Commands;

/// <summary>The CLI against a real server and engine: up, ls, status, logs and down on the shop example.</summary>
public sealed class EnvironmentCommandsTests : IAsyncLifetime
{
    private readonly TempCopy _app = new(Path.Combine(RepositoryPaths.Examples, "shop"));
    private readonly string _name = $"cli-{Guid.NewGuid().ToString("N")[..6]}";
    private TestServer _server = null!;

    private Dictionary<string, string?> Variables => new() { ["SKIFF_SERVER"] = _server.Address.ToString() };

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.Driver.RemoveEnvironmentAsync(_name, CancellationToken.None);
        await _server.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task Up_ls_status_logs_and_down_work_end_to_end()
    {
        var up = await CliRun.RunAsync(Variables, "up", _app.Path, "--name", _name, "--json");

        Assert.True(up.ExitCode == 0, up.Error);
        using (var document = JsonDocument.Parse(up.Out))
        {
            var root = document.RootElement;
            Assert.Equal(_name, root.GetProperty("name").GetString());
            Assert.Equal("Ready", root.GetProperty("phase").GetString());
            Assert.Equal($"http://{_name}.localhost:{_server.Address.Port}/", root.GetProperty("url").GetString());
            var services = root.GetProperty("services").EnumerateArray().ToList();
            Assert.Equal(["api", "db", "web"], services.Select(s => s.GetProperty("name").GetString()).Order());
            Assert.All(services, s =>
            {
                Assert.Equal("Ready", s.GetProperty("status").GetString());
                Assert.False(string.IsNullOrEmpty(s.GetProperty("containerId").GetString()));
                Assert.StartsWith("localhost/skiff/", s.GetProperty("image").GetString());
            });
            var timings = root.GetProperty("timings");
            var total = timings.GetProperty("totalMs").GetInt64();
            Assert.True(total > 0);
            var phases = new[] { "sourceMs", "buildMs", "startMs", "healthyMs" }.Sum(p => timings.GetProperty(p).GetInt64());
            Assert.InRange(total - phases, -3L, 3L);
        }

        var ls = await CliRun.RunAsync(Variables, "ls");
        Assert.Equal(0, ls.ExitCode);
        Assert.Contains(_name, ls.Out);
        Assert.Contains("Ready", ls.Out);
        Assert.Contains("3/3", ls.Out);

        var lsJson = await CliRun.RunAsync(Variables, "ls", "--json");
        using (var list = JsonDocument.Parse(lsJson.Out))
            Assert.Contains(list.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == _name);

        var status = await CliRun.RunAsync(Variables, "status", _name);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"{_name}: Ready", status.Out);
        Assert.Contains("web", status.Out);

        var logs = await CliRun.RunAsync(Variables, "logs", _name, "db", "--tail", "50");
        Assert.Equal(0, logs.ExitCode);
        Assert.NotEmpty(logs.Out.Trim());

        var allLogs = await CliRun.RunAsync(Variables, "logs", _name, "--tail", "5");
        Assert.Contains("api | ", allLogs.Out);

        var down = await CliRun.RunAsync(Variables, "down", _name);
        Assert.Equal(0, down.ExitCode);
        Assert.Contains($"{_name} removed", down.Out);

        var gone = await CliRun.RunAsync(Variables, "status", _name);
        Assert.Equal(4, gone.ExitCode);
        Assert.Contains($"no environment named '{_name}'", gone.Error);
        Assert.True((await _server.Driver.GetStateAsync(_name, CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task An_invalid_spec_is_refused_before_the_server_is_asked()
    {
        _app.Write("skiff.yaml", "public: nowhere\nttl: forever\n");

        var up = await CliRun.RunAsync(Variables, "up", _app.Path, "--name", _name);

        Assert.Equal(5, up.ExitCode);
        Assert.Contains("skiff.yaml:", up.Error);
        Assert.Null(await _server.GetAsync(_name));
    }
}
