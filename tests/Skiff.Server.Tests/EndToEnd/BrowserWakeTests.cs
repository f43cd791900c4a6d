using System.Net;
using Microsoft.Playwright;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>
/// A real browser (Debian's Chromium through Playwright) opens a suspended environment's link: it
/// sees the "Waking up" page, which reloads by itself until the shop's page, with its database rows,
/// is there. The shop's web front end is made to take 3 s to start, so the wake always outlasts the
/// router's one-second wait for browsers and the waking page is certain to be shown.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class BrowserWakeTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task A_browser_opening_a_suspended_environment_is_shown_the_waking_page_then_the_app()
    {
        using var source = new TempCopy(Path.Combine(RepositoryPaths.Examples, "shop"));
        SlowDownWebStart(source.Path);
        var name = $"wakebr-{Guid.NewGuid().ToString("N")[..6]}";
        await using var server = await TestServer.StartAsync();
        try
        {
            Assert.Equal("Ready", (await server.UpAsync(name, source.Path)).Phase.ToString());
            await server.SuspendAsync(name);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
            var page = await browser.NewPageAsync();
            var documents = new List<(int Status, string Url)>();
            page.Response += (_, response) =>
            {
                if (response.Request.IsNavigationRequest)
                    lock (documents)
                        documents.Add((response.Status, response.Url));
            };

            var url = $"http://{name}.localhost:{server.Address.Port}/";
            var first = await page.GotoAsync(url);
            Assert.NotNull(first);
            Assert.Equal((int)HttpStatusCode.ServiceUnavailable, first.Status);
            Assert.StartsWith($"Waking up {name}", await page.TitleAsync());

            // The page reloads itself (meta refresh); nobody clicks anything.
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Canvas tote bag", new() { Timeout = 90_000 });
            Assert.Equal(url, page.Url);
            lock (documents)
            {
                Assert.True(documents.Count >= 2, $"navigations: {documents.Count}");
                Assert.All(documents[..^1], d => Assert.Equal((int)HttpStatusCode.ServiceUnavailable, d.Status));
                Assert.Equal((int)HttpStatusCode.OK, documents[^1].Status);
            }
            var awake = (await server.GetAsync(name))!;
            Assert.Equal("Ready", awake.Phase.ToString());
            Assert.Contains(awake.Events!, e => e.Kind == "wake");
        }
        finally
        {
            await server.Driver.RemoveEnvironmentAsync(name, CancellationToken.None);
        }
    }

    /// <summary>The web service sleeps 3 s before it listens, on every start (the first deploy's too).</summary>
    private static void SlowDownWebStart(string app)
    {
        var compose = Path.Combine(app, "compose.yaml");
        var text = File.ReadAllText(compose);
        const string build = "    build: ./web\n";
        Assert.Contains(build, text);
        File.WriteAllText(compose, text.Replace(build, build + "    command: [\"sh\", \"-c\", \"sleep 3; exec python3 /app/app.py\"]\n"));
    }
}
