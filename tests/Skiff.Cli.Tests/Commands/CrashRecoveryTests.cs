using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Cli.Tests.Support;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker;
using Skiff.Tests.Shared;

namespace Skiff.Cli.Tests.Commands;

/// <summary>
/// A server killed with SIGKILL in the middle of a deploy, then started again on the same
/// SKIFF_HOME, finishes the work: every service runs once at the wanted version, and no
/// container, network or volume is left over.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempCopy _app = new(Path.Combine(RepositoryPaths.Examples, "shop"));
    private readonly string _home = Directory.CreateTempSubdirectory("skiff-home-").FullName;
    private readonly string _name = $"crash-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly DockerDriver _engine = new(new DockerDriverOptions { Endpoint = new Uri(EngineEndpoint.DockerHost) }, NullLogger<DockerDriver>.Instance);

    public void Dispose()
    {
        _engine.RemoveEnvironmentAsync(_name, CancellationToken.None).GetAwaiter().GetResult();
        _engine.Dispose();
        _app.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Killed_mid_deploy_and_mid_update_it_converges_after_restart()
    {
        int port;
        // 1. Kill while the first deploy is half-way: the database runs, web is at most created.
        using (var server = await ServerProcess.StartAsync(_home))
        {
            port = server.Address.Port;
            var up = RunUpAsync(server.Address);
            await WaitForAsync(state => state.Containers.Any(c => c.Service == "db" && c.IsRunning) && !state.Containers.Any(c => c.Service == "web" && c.IsRunning));
            server.Kill();
            await up;
        }
        using (var server = await ServerProcess.StartAsync(_home, port))
        {
            var after = await WaitReadyAsync(server.Address);
            AssertOneContainerPerService(after);
        }

        // 2. Kill in the middle of an update: the new web container exists beside the old one.
        var before = await _engine.GetStateAsync(_name, CancellationToken.None);
        var oldWeb = before.Containers.Single(c => c.Service == "web");
        _app.Write("web/templates/index.html", _app.Read("web/templates/index.html").Replace("<h1>Skiff Shop", "<h1>Skiff Shop after-crash"));
        using (var server = await ServerProcess.StartAsync(_home, port))
        {
            var up = RunUpAsync(server.Address);
            await WaitForAsync(state => state.Containers.Count(c => c.Service == "web") == 2);
            server.Kill();
            await up;
        }
        using (var server = await ServerProcess.StartAsync(_home, port))
        {
            var after = await WaitReadyAsync(server.Address);
            AssertOneContainerPerService(after);
            var web = after.Containers.Single(c => c.Service == "web");
            Assert.NotEqual(oldWeb.Hash, web.Hash);
            Assert.Equal(before.Containers.Single(c => c.Service == "db").Id, after.Containers.Single(c => c.Service == "db").Id);
            using var http = new HttpClient { BaseAddress = server.Address };
            var (_, page) = await EnvironmentPage.GetAsync(http, server.Address, $"{_name}.localhost");
            Assert.Contains("after-crash", page);
            Assert.Contains("Canvas tote bag", page);

            var down = await CliRun.RunAsync(Variables(server.Address), "down", _name);
            Assert.Equal(0, down.ExitCode);
        }
        Assert.True((await _engine.GetStateAsync(_name, CancellationToken.None)).IsEmpty);
    }

    private Dictionary<string, string?> Variables(Uri server) => new() { ["SKIFF_SERVER"] = server.ToString(), ["SKIFF_HOME"] = _home };

    /// <summary>Starts `skiff up` (it fails when the server dies under it; that is expected).</summary>
    private Task<CliResult> RunUpAsync(Uri server) => CliRun.RunAsync(Variables(server), "up", _app.Path, "--name", _name, "--timeout", "5m");

    private async Task WaitForAsync(Func<EnvironmentState, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition(await _engine.GetStateAsync(_name, CancellationToken.None)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the deploy never reached the point to interrupt");
            await Task.Delay(25);
        }
    }

    private async Task<EnvironmentState> WaitReadyAsync(Uri server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            var status = await CliRun.RunAsync(Variables(server), "status", _name, "--json");
            if (status.ExitCode == 0 && status.Out.Contains("\"phase\": \"Ready\"") && !status.Out.Contains("\"outcome\": \"Running\""))
                return await _engine.GetStateAsync(_name, CancellationToken.None);
            Assert.True(DateTime.UtcNow < deadline, "not ready after the restart: " + status.Out + status.Error);
            await Task.Delay(200);
        }
    }

    private static void AssertOneContainerPerService(EnvironmentState state)
    {
        Assert.Equal(["api", "db", "web"], state.Containers.Select(c => c.Service).Order());
        Assert.All(state.Containers, c => Assert.True(c.IsRunning, $"{c.Service} is {c.Status}"));
        Assert.Equal(["db-data"], state.Volumes.ToArray());
        Assert.Single(state.Networks);
    }
}
