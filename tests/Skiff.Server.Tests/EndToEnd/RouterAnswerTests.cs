using System.Net;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>
/// What an environment host answers when nothing can serve it: the truth, with 404 — no public
/// service, no such service, a service that publishes no port — and never the control plane.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class RouterAnswerTests(ShopEnvironment shop) : IClassFixture<ShopEnvironment>
{
    [Theory]
    [InlineData("db", "service 'db' of environment '{0}' publishes no port, so it has no URL")]
    [InlineData("api", "service 'api' of environment '{0}' publishes no port, so it has no URL")]
    [InlineData("cache", "environment '{0}' has no service 'cache'")]
    public async Task A_service_host_that_cannot_be_served_says_why_with_404(string service, string expected)
    {
        var (status, body) = await shop.Server.BrowseAsync($"{service}--{shop.Name}.localhost");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, shop.Name), body);
        Assert.Contains($"its services answer at web--{shop.Name}.localhost", body);
        Assert.DoesNotContain("Skiff is running", body);
    }

    [Fact]
    public async Task A_service_that_publishes_a_port_is_served_on_its_own_host()
    {
        var (status, body) = await shop.Server.BrowseAsync($"web--{shop.Name}.localhost");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Canvas tote bag", body);
    }

    [Fact]
    public async Task An_environment_without_a_public_service_says_so_with_404()
    {
        using var source = new TempDirectoryWith("compose.yaml", """
            services:
              worker:
                image: docker.io/library/debian:bookworm-slim
                command: ["sleep", "infinity"]
            """);
        var name = $"nopublic-{Guid.NewGuid().ToString("N")[..6]}";
        try
        {
            Assert.Equal("Ready", (await shop.Server.UpAsync(name, source.Path)).Phase.ToString());

            var (status, body) = await shop.Server.BrowseAsync($"{name}.localhost");

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains($"environment '{name}' has no public service; none of its services publishes a port", body);
        }
        finally
        {
            await shop.Server.DownAsync(name);
        }
    }

    /// <summary>A temporary folder holding one file.</summary>
    private sealed class TempDirectoryWith : IDisposable
    {
        public TempDirectoryWith(string file, string content)
        {
            Path = Directory.CreateTempSubdirectory("skiff-app-").FullName;
            File.WriteAllText(System.IO.Path.Combine(Path, file), content);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
