using System.Text.Json;
using Skiff.Cli.Tests.Support;

namespace Skiff.Cli.Tests.Commands;

/// <summary>suspend, resume and extend through the real CLI against a real server and engine, on the shop example.</summary>
public sealed class SleepCommandsTests() : ShopOnServerTests("sleep")
{
    [Fact]
    public async Task Suspend_keeps_the_url_resume_wakes_it_and_extend_moves_the_expiry()
    {
        var up = await CliRun.RunAsync(Variables, "up", App.Path, "--name", Name);
        Assert.True(up.ExitCode == 0, up.Error);
        var url = $"http://{Name}.localhost:{Server.Address.Port}/";

        var suspend = await CliRun.RunAsync(Variables, "suspend", Name);
        Assert.True(suspend.ExitCode == 0, suspend.Error);
        Assert.Equal($"{Name} is suspended (volumes kept); open {url} or run 'skiff resume {Name}' to wake it", suspend.Out.Trim());
        var state = await Server.Driver.GetStateAsync(Name, CancellationToken.None);
        Assert.All(state.Containers, c => Assert.False(c.IsRunning, $"{c.Service} still runs"));
        Assert.Contains("Suspended", (await CliRun.RunAsync(Variables, "status", Name)).Out);

        var resume = await CliRun.RunAsync(Variables, "resume", Name, "--json");
        Assert.True(resume.ExitCode == 0, resume.Error);
        using (var awake = JsonDocument.Parse(resume.Out))
        {
            Assert.Equal("Ready", awake.RootElement.GetProperty("phase").GetString());
            Assert.Equal(url, awake.RootElement.GetProperty("url").GetString());
        }
        state = await Server.Driver.GetStateAsync(Name, CancellationToken.None);
        Assert.All(state.Containers, c => Assert.True(c.IsRunning, $"{c.Service} is not running"));

        var before = DateTimeOffset.UtcNow;
        var extend = await CliRun.RunAsync(Variables, "extend", Name, "10d", "--json");
        Assert.True(extend.ExitCode == 0, extend.Error);
        using (var extended = JsonDocument.Parse(extend.Out))
        {
            var expiresAt = extended.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
            Assert.InRange(expiresAt, before.AddDays(10).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(10).AddMinutes(1));
        }
        var plain = await CliRun.RunAsync(Variables, "extend", Name, "10d");
        Assert.StartsWith($"{Name} now expires ", plain.Out);

        var bad = await CliRun.RunAsync(Variables, "extend", Name, "banana");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("skiff: duration: expected a duration such as 2d or 12h, or never, got 'banana'", bad.Error.Trim());
        var never = await CliRun.RunAsync(Variables, "extend", Name, "never");
        Assert.Equal(2, never.ExitCode);
        Assert.Contains("never is not allowed on this server", never.Error);

        var missing = await CliRun.RunAsync(Variables, "suspend", "no-such-env");
        Assert.Equal(4, missing.ExitCode);
    }

    [Fact]
    public async Task Suspend_ends_as_soon_as_a_request_wakes_the_environment_meanwhile()
    {
        var up = await CliRun.RunAsync(Variables, "up", App.Path, "--name", Name);
        Assert.True(up.ExitCode == 0, up.Error);

        // Someone keeps using the environment: the first request after the suspend wakes it.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; i < 2000 && !stop.IsCancellationRequested; i++)
            {
                await Server.BrowseAsync($"{Name}.localhost");
                await Task.Delay(50, CancellationToken.None);
            }
        });
        CliResult suspend;
        try
        {
            suspend = await CliRun.RunAsync(Variables, "suspend", Name);
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }

        Assert.Equal(1, suspend.ExitCode);
        Assert.StartsWith($"skiff: {Name}: woken meanwhile (by a request to its URL, a push or a resume)", suspend.Error.Trim());
        var status = await CliRun.RunAsync(Variables, "status", Name, "--json");
        using var environment = JsonDocument.Parse(status.Out);
        Assert.Equal("Running", environment.RootElement.GetProperty("desired").GetString());
        Assert.Contains(environment.RootElement.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "woken");
    }

    [Fact]
    public async Task Resume_ends_as_soon_as_the_environment_is_removed_meanwhile()
    {
        var up = await CliRun.RunAsync(Variables, "up", App.Path, "--name", Name);
        Assert.True(up.ExitCode == 0, up.Error);
        Assert.Equal(0, (await CliRun.RunAsync(Variables, "suspend", Name)).ExitCode);

        var resume = CliRun.RunAsync(Variables, "resume", Name);
        using (var delete = await Server.Http.DeleteAsync($"api/v1/environments/{Name}"))
            Assert.Equal(System.Net.HttpStatusCode.Accepted, delete.StatusCode);
        var result = await resume.WaitAsync(TimeSpan.FromMinutes(3));

        // Either the removal came first (the resume is refused) or it came while the resume waited.
        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches("being removed|removed meanwhile", result.Error);
    }
}
