using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class ProfileTests
{
    private const string Compose = """
        services:
          web:
            image: web
            depends_on:
              debug-ui:
                condition: service_started
                required: false
          db:
            image: postgres
          debug-ui:
            image: adminer
            profiles: [debug]
          mail:
            image: mailhog
            profiles: [dev, mail]
        """;

    private static IEnumerable<string> Services(SpecLoadOptions options, string? skiff = null)
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", Compose);
        if (skiff is not null)
            repo.Write("skiff.yaml", skiff);
        return repo.LoadOk(options).Services.Select(s => s.Name).ToList();
    }

    [Fact]
    public void Services_with_profiles_are_left_out_unless_a_profile_is_active()
    {
        Assert.Equal(["web", "db"], Services(TempRepo.NoVariables));
        Assert.Equal(["web", "db", "mail"], Services(TempRepo.NoVariables with { Profiles = ["mail"] }));
        Assert.Equal(["web", "db", "debug-ui", "mail"], Services(TempRepo.NoVariables with { Profiles = ["*"] }));
    }

    [Fact]
    public void Profiles_come_from_compose_profiles_and_skiff_yaml_unless_given()
    {
        var variables = new SpecLoadOptions { Variables = new Dictionary<string, string> { ["COMPOSE_PROFILES"] = "debug, dev" } };
        Assert.Equal(["web", "db", "debug-ui", "mail"], Services(variables));
        Assert.Equal(["web", "db", "mail"], Services(TempRepo.NoVariables, "profiles: [dev]\n"));
        Assert.Equal(["web", "db"], Services(TempRepo.NoVariables with { Profiles = [] }, "profiles: [dev]\n"));
    }

    [Fact]
    public void A_dependency_that_is_not_required_is_dropped_with_its_disabled_service()
    {
        using var repo = new TempRepo();
        var spec = repo.Write("compose.yaml", Compose).LoadOk();
        Assert.Empty(spec.FindService("web")!.DependsOn);
        Assert.Empty(spec.Settings.ActiveProfiles);
    }

    [Fact]
    public void A_required_dependency_on_a_disabled_service_is_an_error()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: x\n    depends_on: [tools]\n  tools:\n    image: y\n    profiles: [ops]\n");
        SpecAssert.Error(result,
            "compose.yaml:4:18: services.web.depends_on: service 'web' depends on service 'tools', which is disabled because none of its profiles (ops) is active; activate one of them or mark the dependency required: false");
    }
}
