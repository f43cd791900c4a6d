using Skiff.Core.Lifetimes;
using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Lifetimes;

public class EffectiveLifetimeTests
{
    private static readonly LifetimeSettings Server = new()
    {
        Ttl = TimeSpan.FromDays(3),
        Idle = TimeSpan.FromMinutes(30),
        MaxTtl = TimeSpan.FromDays(14),
    };

    private static SkiffSettings App(Lifetime? ttl = null, Lifetime? idle = null) => new() { Ttl = ttl, IdleSuspend = idle };

    [Fact]
    public void Server_default_applies_when_nothing_else_is_set()
    {
        var resolved = EffectiveLifetime.Resolve(Server, null, null, App());

        Assert.Equal(new ResolvedLifetime(TimeSpan.FromDays(3), TimeSpan.FromMinutes(30)), resolved);
    }

    [Fact]
    public void Repository_overrides_the_server_and_the_app_overrides_both()
    {
        var repository = EffectiveLifetime.Resolve(Server, TimeSpan.FromDays(5), TimeSpan.FromHours(1), App());
        Assert.Equal(TimeSpan.FromDays(5), repository.Ttl);
        Assert.Equal(TimeSpan.FromHours(1), repository.Idle);

        var app = EffectiveLifetime.Resolve(Server, TimeSpan.FromDays(5), TimeSpan.FromHours(1),
            App(new Lifetime(TimeSpan.FromDays(1)), new Lifetime(TimeSpan.FromMinutes(10))));
        Assert.Equal(TimeSpan.FromDays(1), app.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(10), app.Idle);
        Assert.Empty(app.Notes);
    }

    [Fact]
    public void Never_is_honoured_when_the_server_allows_it()
    {
        var server = Server with { AllowNever = true };

        var fromApp = EffectiveLifetime.Resolve(server, null, null, App(Lifetime.Never, Lifetime.Never));
        Assert.Null(fromApp.Ttl);
        Assert.Null(fromApp.Idle);
        Assert.Empty(fromApp.Notes);

        var fromRepository = EffectiveLifetime.Resolve(server, TimeSpan.MaxValue, TimeSpan.MaxValue, App());
        Assert.Null(fromRepository.Ttl);
        Assert.Null(fromRepository.Idle);
    }

    [Fact]
    public void Never_is_refused_and_capped_when_the_server_does_not_allow_it()
    {
        var resolved = EffectiveLifetime.Resolve(Server, null, null, App(Lifetime.Never, Lifetime.Never));

        Assert.Equal(TimeSpan.FromDays(14), resolved.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(30), resolved.Idle);
        Assert.Equal<string>(
            [
                "ttl never (skiff.yaml) is not allowed on this server (allowNever: false); using 14d",
                "idle never (skiff.yaml) is not allowed on this server (allowNever: false); using 30m",
            ],
            resolved.Notes);
    }

    [Fact]
    public void Never_from_the_repository_or_the_server_is_capped_too()
    {
        var repository = EffectiveLifetime.Resolve(Server, TimeSpan.MaxValue, TimeSpan.MaxValue, App());
        Assert.Equal(TimeSpan.FromDays(14), repository.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(30), repository.Idle);
        Assert.All(repository.Notes, n => Assert.Contains("(repository settings)", n));

        var server = EffectiveLifetime.Resolve(Server with { Ttl = TimeSpan.MaxValue, Idle = TimeSpan.MaxValue }, null, null, App());
        Assert.Equal(TimeSpan.FromDays(14), server.Ttl);
        Assert.Equal(new LifetimeSettings().Idle, server.Idle);
        Assert.Equal(2, server.Notes.Length);
    }

    [Fact]
    public void Notes_are_part_of_the_value()
    {
        var capped = EffectiveLifetime.Resolve(Server, null, null, App(Lifetime.Never));
        Assert.Equal(capped, EffectiveLifetime.Resolve(Server, null, null, App(Lifetime.Never)));
        Assert.NotEqual(new ResolvedLifetime(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30)), capped);
    }

    [Fact]
    public void A_ttl_above_the_maximum_is_capped_with_a_note_whatever_its_source()
    {
        var app = EffectiveLifetime.Resolve(Server, null, null, App(new Lifetime(TimeSpan.FromDays(30))));
        Assert.Equal(TimeSpan.FromDays(14), app.Ttl);
        Assert.Equal<string>(["ttl 30d (skiff.yaml) is above the server's maximum; using 14d"], app.Notes);

        var repository = EffectiveLifetime.Resolve(Server, TimeSpan.FromDays(20), null, App());
        Assert.Equal(TimeSpan.FromDays(14), repository.Ttl);

        // Allowing never does not lift the maximum for finite values.
        var allowed = EffectiveLifetime.Resolve(Server with { AllowNever = true }, null, null, App(new Lifetime(TimeSpan.FromDays(30))));
        Assert.Equal(TimeSpan.FromDays(14), allowed.Ttl);
    }

    [Fact]
    public void A_ttl_at_the_maximum_is_not_capped()
    {
        var resolved = EffectiveLifetime.Resolve(Server, null, null, App(new Lifetime(TimeSpan.FromDays(14))));
        Assert.Equal(new ResolvedLifetime(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30)), resolved);
    }

    [Fact]
    public void No_maximum_means_no_cap()
    {
        var resolved = EffectiveLifetime.Resolve(Server with { MaxTtl = TimeSpan.MaxValue }, null, null, App(new Lifetime(TimeSpan.FromDays(90))));
        Assert.Equal(TimeSpan.FromDays(90), resolved.Ttl);

        var never = EffectiveLifetime.Resolve(Server with { MaxTtl = TimeSpan.MaxValue }, null, null, App(Lifetime.Never));
        Assert.Equal(TimeSpan.FromDays(3), never.Ttl);
    }
}
