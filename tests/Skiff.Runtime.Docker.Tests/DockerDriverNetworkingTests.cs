using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverNetworkingTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    [Fact]
    public async Task Services_on_one_environment_network_reach_each_other_by_service_name()
    {
        await Driver.EnsureNetworkAsync(Env, Timeout());
        await Driver.RunContainerAsync(Request("web", HttpServer(8080)), Timeout());
        var client = await Driver.RunContainerAsync(Request("client", Idle()), Timeout());

        // The container is named skiff-<env>-web-<hash>; only the alias makes plain "web" resolve.
        // (No "wget -T": Debian's busybox wget crashes with it; the exec timeout bounds each try.)
        var reached = await EventuallyAsync(async () =>
        {
            var result = await Driver.ExecAsync(client.Id, ["busybox", "wget", "-q", "-O", "-", "http://web:8080/"], TimeSpan.FromSeconds(5), Timeout());
            Output.WriteLine($"wget: {result.ExitCode} {result.Output}");
            return result.Succeeded && result.Output.Contains("skiff-test-page", StringComparison.Ordinal);
        });
        Assert.True(reached, "the client container could not fetch http://web:8080/ by service name");
    }

    [Fact]
    public async Task A_published_port_is_on_127_0_0_1_and_answers_a_probe()
    {
        var web = await Driver.RunContainerAsync(Request("web", HttpServer(8080)) with { Ports = Publish(8080) }, Timeout());

        var hostPort = Assert.Contains(8080, web.PublishedPorts);
        Assert.InRange(hostPort, 1, 65535);
        Assert.True(await EventuallyAsync(() => Driver.ProbeHttpAsync(web, 8080, Timeout())), "the HTTP server never answered the probe");

        var inspect = await Engine.Client.Containers.InspectContainerAsync(web.Id, Timeout());
        var binding = Assert.Single(inspect.NetworkSettings!.Ports!["8080/tcp"]);
        Assert.Equal("127.0.0.1", binding.HostIP);
        Assert.Equal(hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture), binding.HostPort);
    }

    [Fact]
    public async Task Any_http_status_counts_as_an_answer()
    {
        // /tmp holds no index.html, so the server answers 404 to "/".
        var web = await Driver.RunContainerAsync(Request("web", "busybox", "httpd", "-f", "-p", "8080", "-h", "/tmp") with { Ports = Publish(8080) }, Timeout());
        using var http = new HttpClient();
        Assert.True(await EventuallyAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{web.PublishedPorts[8080]}/");
                return response.StatusCode == System.Net.HttpStatusCode.NotFound;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }), "the server never answered 404");

        Assert.True(await Driver.ProbeHttpAsync(web, 8080, Timeout()));
    }

    [Fact]
    public async Task A_probe_of_a_port_where_nothing_listens_is_false()
    {
        var idle = await Driver.RunContainerAsync(Request("idle", Idle()) with { Ports = Publish(8081) }, Timeout());

        var started = DateTime.UtcNow;
        Assert.False(await Driver.ProbeHttpAsync(idle, 8081, Timeout()));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the probe took longer than its timeout");
    }

    [Fact]
    public async Task Probing_a_port_that_is_not_published_is_an_error()
    {
        var idle = await Driver.RunContainerAsync(Request("idle", Idle()), Timeout());

        var error = await Assert.ThrowsAsync<Core.Runtime.DriverException>(() => Driver.ProbeHttpAsync(idle, 9999, Timeout()));
        Assert.Contains("9999", error.Message);
    }
}
