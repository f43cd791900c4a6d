using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Specs;

public class ExtendsTests
{
    [Fact]
    public void Extends_a_service_of_the_same_file_and_nests()
    {
        var spec = TempRepo.LoadComposeOk("""
            services:
              base:
                image: app
                environment: {LEVEL: base, KEEP: yes}
                command: serve
              middle:
                extends: base
                environment: {LEVEL: middle}
              web:
                extends:
                  service: middle
                command: serve --web
                ports: ["80"]
            """);
        var web = spec.FindService("web")!;
        Assert.Equal("app", web.Image);
        Assert.Equal(new Dictionary<string, string> { ["KEEP"] = "yes", ["LEVEL"] = "middle" }, web.Environment);
        Assert.Equal(["serve", "--web"], web.Command!.Value.ToArray());
        Assert.Equal(["serve"], spec.FindService("middle")!.Command!.Value.ToArray());
    }

    [Fact]
    public void Extends_another_file_whose_paths_stay_relative_to_it()
    {
        using var repo = new TempRepo();
        repo.Context("common/app").Write("common/base.env", "FROM_BASE=1\n").Write("common/services.yaml", """
            services:
              app:
                build: ./app
                env_file: base.env
                volumes: ["./data:/data"]
            """).Write("compose.yaml", """
            services:
              web:
                extends:
                  file: common/services.yaml
                  service: app
                environment: {OWN: "1"}
            """);
        var spec = repo.LoadOk();
        var web = spec.FindService("web")!;
        Assert.Equal(repo.PathOf("common/app"), web.Build!.Context);
        Assert.Equal(repo.PathOf("common/data"), web.Mounts[0].Source);
        Assert.Equal(new Dictionary<string, string> { ["FROM_BASE"] = "1", ["OWN"] = "1" }, web.Environment);
        Assert.Contains(repo.PathOf("common/services.yaml"), spec.Files);
    }

    [Fact]
    public void Reports_extends_cycles()
    {
        var result = TempRepo.LoadCompose("services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n  c:\n    extends: c\n    image: x\n");
        SpecAssert.Errors(result,
            "compose.yaml:3:14: services.a.extends: extends cycle detected: a -> b -> a",
            "compose.yaml:8:14: services.c.extends: extends cycle detected: c -> c");
    }

    [Fact]
    public void Reports_unknown_bases_and_missing_files()
    {
        var result = TempRepo.LoadCompose("services:\n  a:\n    extends: nothere\n  b:\n    extends: {file: missing.yaml, service: x}\n");
        SpecAssert.Errors(result,
            "compose.yaml:3:14: services.a.extends: service 'a' extends 'nothere', which is not a service of this file",
            "compose.yaml:5:21: services.b.extends.file: the file 'missing.yaml' does not exist");
    }

    [Fact]
    public void Refuses_to_extend_files_outside_the_repository_or_remote_ones()
    {
        var result = TempRepo.LoadCompose("services:\n  a:\n    extends: {file: ../other/compose.yaml, service: x}\n  b:\n    extends: {file: \"https://example.com/compose.yaml\", service: x}\n");
        SpecAssert.Errors(result,
            "compose.yaml:3:21: services.a.extends.file: the extends file '../other/compose.yaml' is outside the repository; Skiff reads only files inside the repository",
            "compose.yaml:5:21: services.b.extends.file: the extends file 'https://example.com/compose.yaml' is remote; remote resources need network access and are not supported, so keep the file in the repository");
    }
}
