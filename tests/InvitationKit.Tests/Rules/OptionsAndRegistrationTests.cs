using System.Security.Cryptography;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InvitationKit.Tests.Rules;

/// <summary>Options defaults and start-up validation; DI registration.</summary>
public sealed class OptionsAndRegistrationTests
{
    [Fact]
    public void Defaults_match_the_contract()
    {
        var options = new InvitationKitOptions();
        Assert.Equal(
            (20, 250, Duration.FromDays(7), false, OtpFormat.Digits, 6, 10, 100, (byte[]?)null),
            (options.MaxBatchSize, options.DefaultUserLimit, options.InvitationLifetime, options.OnlyRegisteredUsers, options.OtpFormat, options.OtpLength, options.MaxOtpAttempts, options.MaxPageSize, options.SecretKey));
        Assert.Equal(
            (Duration.FromHours(24), Duration.FromHours(24), 50, 5, Duration.FromMinutes(1), false, 0),
            (options.OtpLifetime, options.OtpFailureWindow, options.MaxOtpFailuresPerAddress, options.MaxSends, options.ResendCooldown, options.HideRegistrationState, options.PreviousSecretKeys.Count));
        Assert.Equal(
            (new RateLimitRule(300, Duration.FromHours(1)), new RateLimitRule(1000, Duration.FromHours(1)), new RateLimitRule(3, Duration.FromHours(1)), new RateLimitRule(10, Duration.FromMinutes(15)), new RateLimitRule(30, Duration.FromMinutes(15))),
            (options.RateLimits.InvitesPerActor, options.RateLimits.InvitesPerAccount, options.RateLimits.ResendsPerInvitation, options.RateLimits.ActivationsPerAddress, options.RateLimits.ActivationsPerPartition));
        Assert.Equal((new RateLimitRule(5, Duration.FromHours(1)), 100_000), (options.RateLimits.MailsPerRecipient, options.RateLimits.MaxTrackedPartitions));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_how_to_fix_it()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o =>
        {
            o.SecretKey = new byte[5];
            o.MaxBatchSize = 0;
            o.DefaultUserLimit = 0;
            o.InvitationLifetime = Duration.Zero;
            o.OtpLength = 3;
            o.MaxOtpAttempts = 0;
        }).UseInMemoryPorts();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IInvitationManager>());
        Assert.Equal(
            [
                "InvitationKitOptions.SecretKey must hold at least 32 random bytes (it has 5). Generate one with RandomNumberGenerator.GetBytes(32) and load it from a secret store.",
                "InvitationKitOptions.MaxBatchSize must be between 1 and 1000 (it is 0).",
                "InvitationKitOptions.DefaultUserLimit must be between 1 and 2147483647 (it is 0).",
                "InvitationKitOptions.MaxOtpAttempts must be between 1 and 100 (it is 0).",
                "InvitationKitOptions.InvitationLifetime must be between 1 minute and 365 days (it is 0:00:00:00).",
                "InvitationKitOptions.OtpLength must be between 6 and 32 for Digits codes (it is 3).",
            ],
            exception.Failures);
    }

    [Fact]
    public void The_bounds_of_the_options_per_invitation_are_validated()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o =>
        {
            o.SecretKey = RandomNumberGenerator.GetBytes(32);
            o.MinInvitationLifetime = Duration.FromDays(10);
            o.MaxInvitationLifetime = Duration.FromDays(2);
            o.MaxMetadataEntries = 101;
            o.MaxMetadataKeyLength = 0;
            o.MaxMetadataValueLength = 5000;
            o.AllowedReturnOrigins = ["https://app.example.com/path"];
            o.SupportedLanguages = ["en_US"];
        }).UseInMemoryPorts();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IInvitationManager>());
        Assert.Equal(
            [
                "InvitationKitOptions.MaxInvitationLifetime must be between 10:00:00:00 and 365:00:00:00 (it is 2:00:00:00).",
                "InvitationKitOptions.MaxMetadataEntries must be between 0 and 100 (it is 101).",
                "InvitationKitOptions.MaxMetadataKeyLength must be between 1 and 256 (it is 0).",
                "InvitationKitOptions.MaxMetadataValueLength must be between 1 and 4096 (it is 5000).",
                "InvitationKitOptions.AllowedReturnOrigins must be a list of origins: absolute http or https URLs with a host and no user info, path, query or fragment, such as https://app.example.com.",
                "InvitationKitOptions.SupportedLanguages must be a list of BCP 47 language tags, such as en, ru or pt-BR.",
            ],
            exception.Failures);

        foreach (var origin in new[] { "https://user@app.example.com", "javascript:alert(1)", "//app.example.com", "https://app.example.com?x", "ftp://app.example.com" })
        {
            Assert.NotEmpty(new InvitationKitOptionsValidator().Validate(null, new InvitationKitOptions { SecretKey = RandomNumberGenerator.GetBytes(32), AllowedReturnOrigins = [origin] }).Failures ?? []);
        }

        Assert.True(new InvitationKitOptionsValidator().Validate(null, new InvitationKitOptions
        {
            SecretKey = RandomNumberGenerator.GetBytes(32),
            AllowedReturnOrigins = ["https://app.example.com", "http://localhost:5000/", "https://bücher.example"],
            SupportedLanguages = ["en", "ru", "pt-BR", "zh-Hant-TW"],
        }).Succeeded);
    }

    [Fact]
    public void Missing_ports_are_reported_with_the_fix()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32));
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InvitationKitOptions>>().Value);
        Assert.Equal(4, exception.Failures.Count());
        Assert.Contains(exception.Failures, f => f.StartsWith("No store is registered. Register one: .UseEntityFrameworkCore<TContext>()", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("No IUserDirectory is registered.", StringComparison.Ordinal) && f.Contains("UseInMemoryPorts()", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("No IAccountDirectory is registered.", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("No IInvitationMailer is registered.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_mailer_is_the_kits_message_without_a_host_too()
    {
        // A plain ServiceCollection: no host, so no ValidateOnStart. The kit's check still runs before DI builds the
        // sender, instead of "Unable to resolve service for type 'IInvitationMailer' while activating 'InvitationSender'";
        // and ValidateOnBuild (a host's default in Development) no longer fails first with that generic error.
        var services = new ServiceCollection();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseStore<InMemoryInvitationStore>();
        services.AddSingleton<IUserDirectory, InMemoryUserDirectory>();
        services.AddSingleton<IAccountDirectory, InMemoryAccountDirectory>();
        foreach (var (validateOnBuild, type) in new[] { (false, typeof(IInvitationManager)), (false, typeof(IInvitationDispatcher)), (true, typeof(IInvitationManager)) })
        {
            using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = validateOnBuild });
            using var scope = provider.CreateScope();
            var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService(type));
            Assert.Equal(
                ["No IInvitationMailer is registered. Register your mailer (services.AddScoped<IInvitationMailer, YourMailer>()), or call .UseInMemoryPorts() from InvitationKit.Testing for development."],
                exception.Failures);
            Assert.Contains("IInvitationMailer", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_missing_port_is_the_kits_message_when_the_manager_is_first_resolved()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32));
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        foreach (var type in new[] { typeof(IInvitationManager), typeof(IInvitationDispatcher), typeof(InvitationStoreSet) })
        {
            var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService(type));
            Assert.Equal(4, exception.Failures.Count());
        }
    }

    [Fact]
    public void A_store_registered_without_some_of_its_roles_names_them()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        services.RemoveAll<IOtpBudgetStore>();
        services.RemoveAll<IInvitationOutbox>();
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InvitationKitOptions>>().Value);
        Assert.Equal(["The store is registered without its IOtpBudgetStore, IInvitationOutbox role(s). Register the store with .UseStore<TStore>(), which registers every role, or register each of them."], exception.Failures);
    }

    [Fact]
    public void A_missing_key_is_reported()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit().UseInMemoryPorts();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IInvitationManager>());
        Assert.Contains("SecretKey must hold at least 32 random bytes (it has 0)", exception.Message);
    }

    [Fact]
    public void Token_lengths_are_validated_in_bytes()
    {
        var result = new InvitationKitOptionsValidator().Validate(null, new InvitationKitOptions { SecretKey = RandomNumberGenerator.GetBytes(32), OtpFormat = OtpFormat.UrlSafeToken, OtpLength = 8 });
        Assert.Equal(["InvitationKitOptions.OtpLength must be between 16 and 64 bytes for UrlSafeToken codes (it is 8)."], result.Failures);
    }

    [Fact]
    public async Task Registering_twice_is_harmless_and_host_ports_win()
    {
        var services = new ServiceCollection();
        var catalog = new InMemoryProductCatalog();
        services.AddSingleton<IProductCatalog>(catalog);
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        services.AddInvitationKit(o => o.MaxBatchSize = 5).UseInMemoryPorts();
        Assert.Single(services, d => d.ServiceType == typeof(IInvitationManager));
        Assert.Single(services, d => d.ServiceType == typeof(IInvitationStore));
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<InvitationKitOptions>))); // the options and the ports, once each
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Assert.Same(catalog, provider.GetRequiredService<IProductCatalog>());
        Assert.Same(provider.GetRequiredService<InMemoryInvitationStore>(), provider.GetRequiredService<IInvitationStore>());
        Assert.Equal(5, provider.GetRequiredService<IOptions<InvitationKitOptions>>().Value.MaxBatchSize);
        await using var scope = provider.CreateAsyncScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IInvitationManager>());
    }

    [Fact]
    public void The_fake_clock_advances_resets_and_auto_advances()
    {
        var clock = new FakeClock(Instant.FromUnixTimeSeconds(100));
        clock.Advance(Duration.FromSeconds(5));
        Assert.Equal(Instant.FromUnixTimeSeconds(105), clock.GetCurrentInstant());
        clock.AutoAdvance = Duration.FromSeconds(1);
        Assert.Equal(Instant.FromUnixTimeSeconds(105), clock.GetCurrentInstant());
        Assert.Equal(Instant.FromUnixTimeSeconds(106), clock.GetCurrentInstant());
        clock.Reset(Instant.FromUnixTimeSeconds(0));
        Assert.Equal(Instant.FromUnixTimeSeconds(0), clock.GetCurrentInstant());
        Parallel.For(0, 1000, _ => clock.GetCurrentInstant());
        Assert.Equal(Instant.FromUnixTimeSeconds(1001), clock.GetCurrentInstant());
    }
}
