using System.Text.Json;
using Skiff.Cli.Tests.Support;

namespace Skiff.Cli.Tests.Commands;

/// <summary>The CLI against a real server and engine: up, ls, status, logs and down on the shop example.</summary>
public sealed class EnvironmentCommandsTests() : ShopOnServerTests("cli")
{
    [Fact]
    public async Task Up_ls_status_logs_and_down_work_end_to_end()
    {
        var up = await CliRun.RunAsync(Variables, "up", App.Path, "--name", Name, "--json");

        Assert.True(up.ExitCode == 0, up.Error);
        using (var document = JsonDocument.Parse(up.Out))
        {
            var root = document.RootElement;
            Assert.Equal(Name, root.GetProperty("name").GetString());
            Assert.Equal("Ready", root.GetProperty("phase").GetString());
            Assert.Equal($"http://{Name}.localhost:{Server.Address.Port}/", root.GetProperty("url").GetString());
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
        Assert.Contains(Name, ls.Out);
        Assert.Contains("Ready", ls.Out);
        Assert.Contains("3/3", ls.Out);

        var lsJson = await CliRun.RunAsync(Variables, "ls", "--json");
        using (var list = JsonDocument.Parse(lsJson.Out))
            Assert.Contains(list.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == Name);

        var status = await CliRun.RunAsync(Variables, "status", Name);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"{Name}: Ready", status.Out);
        Assert.Contains("web", status.Out);

        var logs = await CliRun.RunAsync(Variables, "logs", Name, "db", "--tail", "50");
        Assert.Equal(0, logs.ExitCode);
        Assert.NotEmpty(logs.Out.Trim());

        var allLogs = await CliRun.RunAsync(Variables, "logs", Name, "--tail", "5");
        Assert.Contains("api | ", allLogs.Out);

        var down = await CliRun.RunAsync(Variables, "down", Name);
        Assert.Equal(0, down.ExitCode);
        Assert.Contains($"{Name} removed", down.Out);

        var gone = await CliRun.RunAsync(Variables, "status", Name);
        Assert.Equal(4, gone.ExitCode);
        Assert.Contains($"no environment named '{Name}'", gone.Error);
        Assert.True((await Server.Driver.GetStateAsync(Name, CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task An_invalid_spec_is_refused_before_theServer_is_asked()
    {
        App.Write("skiff.yaml", "public: nowhere\nttl: forever\n");

        var up = await CliRun.RunAsync(Variables, "up", App.Path, "--name", Name);

        Assert.Equal(5, up.ExitCode);
        Assert.Contains("skiff.yaml:", up.Error);
        Assert.Null(await Server.GetAsync(Name));
    }
}
