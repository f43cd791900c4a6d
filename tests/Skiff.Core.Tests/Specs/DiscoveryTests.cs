using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class DiscoveryTests
{
    [Theory]
    [InlineData("compose.yaml")]
    [InlineData("compose.yml")]
    [InlineData("docker-compose.yml")]
    [InlineData("docker-compose.yaml")]
    public void Finds_each_compose_file_name(string name)
    {
        using var repo = new TempRepo();
        repo.Write(name, "services:\n  web: {image: x}\n");
        Assert.Equal([repo.PathOf(name)], repo.LoadOk().Files.ToArray());
    }

    [Fact]
    public void Prefers_compose_yaml_and_skiff_yaml_over_skiff_yml()
    {
        using var repo = new TempRepo();
        repo.Write("docker-compose.yml", "services:\n  old: {image: x}\n").Write("compose.yaml", "services:\n  new: {image: x}\n")
            .Write("skiff.yml", "public: old\n").Write("skiff.yaml", "public: new\n");
        var spec = repo.LoadOk();
        Assert.Equal(["new"], spec.Services.Select(s => s.Name));
        Assert.Equal("new", spec.Settings.PublicService);
    }

    [Fact]
    public void Reports_an_empty_folder_naming_what_it_looked_for()
    {
        using var repo = new TempRepo();
        SpecAssert.Error(repo.Load(),
            $"no spec found in '{repo.Root}': looked for skiff.yaml, skiff.yml, compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml");
    }

    [Fact]
    public void Reports_a_missing_folder_or_file()
    {
        SpecAssert.Error(SpecLoader.Load("/no/such/folder"), "the folder '/no/such/folder' does not exist");
        SpecAssert.Error(SpecLoader.LoadFile("/no/such/compose.yaml"), "the file '/no/such/compose.yaml' does not exist");
    }

    [Fact]
    public void The_options_can_name_the_compose_file()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", "services:\n  default: {image: x}\n").Write("ci/preview.yaml", "services:\n  preview: {image: x}\n");
        Assert.Equal(["preview"], repo.LoadOk(TempRepo.NoVariables with { ComposeFile = "ci/preview.yaml" }).Services.Select(s => s.Name));
        SpecAssert.Error(repo.Load(TempRepo.NoVariables with { ComposeFile = "ci/none.yaml" }),
            $"the Compose file given in SpecLoadOptions.ComposeFile 'ci/none.yaml' does not exist (looked for '{repo.PathOf("ci/none.yaml")}')");
    }

    [Fact]
    public void LoadFile_loads_a_compose_file_alone_or_a_skiff_file_with_its_folder()
    {
        using var repo = new TempRepo();
        repo.Write("other.yaml", "services:\n  other: {image: x}\n").Write("compose.yaml", "services:\n  web: {image: x}\n")
            .Write("compose.override.yaml", "services:\n  extra: {image: x}\n").Write("skiff.yaml", "public: web\n");
        var alone = SpecLoader.LoadFile(repo.PathOf("other.yaml"), TempRepo.NoVariables);
        Assert.True(alone.Succeeded);
        Assert.Equal(["other"], alone.Spec!.Services.Select(s => s.Name));
        Assert.Null(alone.Spec.Settings.PublicService);

        var skiff = SpecLoader.LoadFile(repo.PathOf("skiff.yaml"), TempRepo.NoVariables);
        Assert.Equal(["web", "extra"], skiff.Spec!.Services.Select(s => s.Name));
        Assert.Equal("web", skiff.Spec.Settings.PublicService);
    }

    [Fact]
    public void The_project_name_is_the_sanitized_folder_name_unless_given()
    {
        using var repo = new TempRepo();
        repo.Write("My_Shop/compose.yaml", "services:\n  web: {image: x}\n");
        Assert.Equal("my-shop", SpecLoader.Load(repo.PathOf("My_Shop"), TempRepo.NoVariables).Spec!.Name);
        repo.Write("My_Shop/compose.yaml", "name: shop\nservices:\n  web: {image: x}\n");
        Assert.Equal("shop", SpecLoader.Load(repo.PathOf("My_Shop"), TempRepo.NoVariables).Spec!.Name);
        repo.Write("My_Shop/compose.yaml", "name: My_Shop\nservices:\n  web: {image: x}\n");
        SpecAssert.Error(SpecLoader.Load(repo.PathOf("My_Shop"), TempRepo.NoVariables),
            "compose.yaml:1:7: name: the project name is not usable: 'My_Shop' is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit");
    }

    [Fact]
    public void Variables_come_from_the_options_first_then_dot_env()
    {
        using var repo = new TempRepo();
        repo.Write(".env", "TAG=from-dotenv\nOTHER=dotenv\n").Write("compose.yaml", "services:\n  web:\n    image: app:${TAG}-${OTHER}\n");
        var spec = repo.LoadOk(new SpecLoadOptions { Variables = new Dictionary<string, string> { ["TAG"] = "from-options" } });
        Assert.Equal("app:from-options-dotenv", spec.FindService("web")!.Image);
    }

    [Fact]
    public void A_required_variable_names_its_place()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: app:${TAG:?set TAG to the image tag}\n");
        SpecAssert.Error(result, "compose.yaml:3:12: services.web.image: required variable TAG is missing a value: set TAG to the image tag");
    }

    [Fact]
    public void An_unset_variable_warns_where_it_is_used()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: app:${TAG}\n");
        Assert.True(result.Succeeded);
        SpecAssert.HasWarning(result, "compose.yaml:3:12: services.web.image: variable 'TAG' is not set; using an empty string (set it, or give a default with ${TAG:-default})");
        Assert.Equal("app:", result.Spec!.FindService("web")!.Image);
    }

    [Fact]
    public void The_process_environment_is_the_default()
    {
        var name = "SKIFF_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            using var repo = new TempRepo();
            var spec = repo.Write("compose.yaml", $"services:\n  web:\n    image: ${{{name}}}\n").LoadOk(new SpecLoadOptions());
            Assert.Equal("from-process", spec.FindService("web")!.Image);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
