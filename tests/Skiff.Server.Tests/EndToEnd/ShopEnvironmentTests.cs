using System.Net;
using Skiff.Core.Naming;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>
/// End to end on the real engine: the shop example deployed through the API and reached through
/// the router; updates replace only what changed; bad input never takes the running version down.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ShopEnvironmentTests(ShopEnvironment shop) : IClassFixture<ShopEnvironment>
{
    [Fact]
    public async Task The_page_shows_rows_from_the_database_through_the_api()
    {
        var (status, body) = await shop.BrowseAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(ShopEnvironment.Heading, body);
        Assert.Contains("Canvas tote bag", body);
        Assert.Contains("Enamel camping mug", body);
        Assert.Equal("Ready", shop.Deployed.Phase.ToString());
        Assert.Equal($"http://{shop.Name}.localhost:{shop.Server.Address.Port}/", shop.Deployed.Url);
        Assert.All(shop.Deployed.Services, s => Assert.NotNull(s.ContainerId));
        Assert.NotNull(shop.Deployed.Timings);
    }

    [Fact]
    public async Task Every_container_network_and_volume_carries_the_environment_label()
    {
        var state = await shop.Server.Driver.GetStateAsync(shop.Name, CancellationToken.None);

        Assert.Equal(["api", "db", "web"], state.Containers.Select(c => c.Service).Order());
        Assert.Contains(EngineNames.Network(shop.Name), state.Networks);
        Assert.Contains("db-data", state.Volumes);
    }

    [Fact]
    public async Task Changing_one_service_updates_it_and_keeps_the_other_containers()
    {
        var before = await shop.ContainerIdsAsync();
        var marker = $"v2-{Guid.NewGuid():N}"[..10];
        var template = shop.Source.Read("web/templates/index.html");
        shop.Source.Write("web/templates/index.html", template.Replace(ShopEnvironment.Heading, $"{ShopEnvironment.Heading} {marker}"));

        var updated = await shop.Server.UpAsync(shop.Name, shop.Source.Path);

        Assert.Equal("Ready", updated.Phase.ToString());
        var after = await shop.ContainerIdsAsync();
        Assert.NotEqual(before["web"], after["web"]);
        Assert.Equal(before["api"], after["api"]);
        Assert.Equal(before["db"], after["db"]);
        var (_, body) = await shop.BrowseAsync();
        Assert.Contains(marker, body);
        Assert.Contains("Canvas tote bag", body);
    }

    [Fact]
    public async Task A_second_up_without_changes_replaces_nothing()
    {
        var before = await shop.ContainerIdsAsync();

        var again = await shop.Server.UpAsync(shop.Name, shop.Source.Path);

        Assert.Equal("Ready", again.Phase.ToString());
        Assert.Equal(before, await shop.ContainerIdsAsync());
        Assert.Equal(0, again.Deployments?.FirstOrDefault()?.ContainersChanged ?? (await shop.Server.GetAsync(shop.Name))!.Deployments![0].ContainersChanged);
    }

    [Fact]
    public async Task Broken_yaml_fails_with_its_position_and_leaves_the_running_version()
    {
        var before = await shop.ContainerIdsAsync();
        var original = shop.Source.Read("compose.yaml");
        try
        {
            shop.Source.Write("compose.yaml", original.Replace("  web:\n", "  web:\n   bad: [unclosed\n"));

            var failed = await shop.Server.UpAsync(shop.Name, shop.Source.Path);

            Assert.Equal("Failed", failed.Phase.ToString());
            Assert.Matches(@"compose\.yaml:\d+:\d+", failed.Error!.Message);
            Assert.Equal(before, await shop.ContainerIdsAsync());
            var (status, body) = await shop.BrowseAsync();
            Assert.True(status == HttpStatusCode.OK, await shop.DescribeAsync(status));
            Assert.Contains("Canvas tote bag", body);
        }
        finally
        {
            shop.Source.Write("compose.yaml", original);
        }
    }

    [Fact]
    public async Task A_dependency_cycle_is_refused_with_the_cycle_printed()
    {
        var original = shop.Source.Read("compose.yaml");
        try
        {
            shop.Source.Write("compose.yaml", original.Replace("    build: ./db\n", "    build: ./db\n    depends_on: [web]\n"));

            var failed = await shop.Server.UpAsync(shop.Name, shop.Source.Path);

            Assert.Equal("Failed", failed.Phase.ToString());
            Assert.Contains("dependency cycle detected", failed.Error!.Message);
            var (status, _) = await shop.BrowseAsync();
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            shop.Source.Write("compose.yaml", original);
        }
    }

    [Fact]
    public async Task A_failing_build_shows_its_log_and_leaves_the_running_version()
    {
        var before = await shop.ContainerIdsAsync();
        var dockerfile = shop.Source.Read("api/Dockerfile");
        try
        {
            shop.Source.Write("api/Dockerfile", dockerfile + "\nRUN echo 'about to fail' && false\n");

            var failed = await shop.Server.UpAsync(shop.Name, shop.Source.Path);

            Assert.Equal("Failed", failed.Phase.ToString());
            Assert.Equal("api", failed.Error!.Service);
            Assert.Contains("build failed", failed.Error.Message);
            Assert.Contains(failed.Error.LogTail, line => line.Contains("about to fail"));
            Assert.Equal(before, await shop.ContainerIdsAsync());
            var (status, body) = await shop.BrowseAsync();
            Assert.True(status == HttpStatusCode.OK, await shop.DescribeAsync(status));
            Assert.Contains("Canvas tote bag", body);
        }
        finally
        {
            shop.Source.Write("api/Dockerfile", dockerfile);
        }
    }

    [Fact]
    public async Task A_failing_health_check_is_rolled_back_and_the_previous_version_keeps_serving()
    {
        var before = await shop.ContainerIdsAsync();
        var original = shop.Source.Read("compose.yaml");
        try
        {
            // A new api version whose health check can never pass.
            var broken = original.Replace("      DATABASE_HOST: db\n", "      DATABASE_HOST: db\n      BROKEN: \"yes\"\n")
                .Replace("    healthcheck:\n      test: [\"CMD\", \"python3\", \"/app/app.py\", \"--healthcheck\"]\n      interval: 1s\n      timeout: 3s\n      retries: 15",
                         "    healthcheck:\n      test: [\"CMD\", \"false\"]\n      interval: 1s\n      timeout: 3s\n      retries: 2");
            Assert.NotEqual(original, broken);
            shop.Source.Write("compose.yaml", broken);

            var failed = await shop.Server.UpAsync(shop.Name, shop.Source.Path);

            Assert.Equal("Failed", failed.Phase.ToString());
            Assert.Equal("api", failed.Error!.Service);
            Assert.Contains("health check failed", failed.Error.Message);
            Assert.Equal(before, await shop.ContainerIdsAsync());
            var state = await shop.Server.Driver.GetStateAsync(shop.Name, CancellationToken.None);
            Assert.Equal(3, state.Containers.Length);
            var (status, body) = await shop.BrowseAsync();
            Assert.True(status == HttpStatusCode.OK, await shop.DescribeAsync(status));
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
            Assert.Contains("Canvas tote bag", body);
        }
        finally
        {
            shop.Source.Write("compose.yaml", original);
        }
    }
}
