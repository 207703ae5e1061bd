using InvitationKit.Mail;
using InvitationKit.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the SMTP mailer and templates of <c>InvitationKit.Mail</c> into InvitationKit.</summary>
public static class MailInvitationKitBuilderExtensions
{
    /// <summary>
    /// Sends invitation mail over SMTP with the package's localized templates (or yours), replacing any
    /// <see cref="IInvitationMailer"/> registered before; with <see cref="InvitationMailOptions.PickupDirectory"/> set,
    /// writes it to files there instead. The options are validated at start-up, every template of every
    /// supported culture included. Calling it again adds the new configuration to the old.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <param name="configure">Sets the sender, the base URL, the SMTP server and the rest of <see cref="InvitationMailOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseSmtpMailer(this InvitationKitBuilder builder, Action<InvitationMailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder.Services).Configure(configure);
        return builder;
    }

    /// <summary>
    /// As <see cref="UseSmtpMailer(InvitationKitBuilder, Action{InvitationMailOptions})"/>, binding
    /// <see cref="InvitationMailOptions"/> from a configuration section (e.g. <c>builder.Configuration.GetSection("InvitationKit:Mail")</c>),
    /// then applying <paramref name="configure"/>. A <c>SupportedCultures</c> list in the section replaces the default one.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <param name="configuration">The section to bind; keep <c>Smtp:Password</c> in a secret store (user secrets, environment, a vault).</param>
    /// <param name="configure">Sets what configuration cannot: template providers, a certificate callback; optional.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseSmtpMailer(this InvitationKitBuilder builder, IConfiguration configuration, Action<InvitationMailOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Register(builder.Services).Configure(o =>
        {
            if (configuration.GetSection(nameof(InvitationMailOptions.SupportedCultures)).GetChildren().Any())
            {
                o.SupportedCultures.Clear(); // the binder appends to a list; configuration means "these", not "these too"
            }

            configuration.Bind(o);
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Also mails the kit's notices to inviters and account managers — a new invitation asked for from an expired or
    /// revoked link, an invitation about to expire — with the options, templates and SMTP server (or pickup directory) of
    /// <see cref="UseSmtpMailer(InvitationKitBuilder, Action{InvitationMailOptions})"/>, replacing any
    /// <see cref="IInvitationNoticeMailer"/> registered before. Opt-in, because it turns features on: the invitee's
    /// "ask for a new invitation" and the reminder notices. Each recipient gets a mail of their own, in their language;
    /// their address, name and language come from an <see cref="IUserContactDirectory"/> (<c>UseAspNetCoreIdentity</c>
    /// registers one), which start-up validation requires, as it requires the notice templates in every supported culture.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>, after <c>UseSmtpMailer</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException"><c>UseSmtpMailer</c> was not called first.</exception>
    public static InvitationKitBuilder UseSmtpNoticeMailer(this InvitationKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(InvitationMailComposer)))
        {
            throw new InvalidOperationException("Call UseSmtpMailer before UseSmtpNoticeMailer: notices are mailed with its options (the sender, the base URL, the SMTP server, the templates).");
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationMailOptions>, NoticeMailOptionsValidator>());
        services.TryAddSingleton<InvitationNoticeRenderer>();
        services.TryAddScoped<InvitationNoticeComposer>(); // over the scoped contact directory (Identity's UserManager)
        services.Replace(ServiceDescriptor.Scoped<IInvitationNoticeMailer>(provider => // one SMTP connection per scope
            provider.GetRequiredService<IOptions<InvitationMailOptions>>().Value.PickupDirectory is null
                ? ActivatorUtilities.CreateInstance<SmtpInvitationNoticeMailer>(provider)
                : ActivatorUtilities.CreateInstance<PickupDirectoryInvitationNoticeMailer>(provider)));
        return builder;
    }

    private static OptionsBuilder<InvitationMailOptions> Register(IServiceCollection services)
    {
        var options = services.AddOptions<InvitationMailOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationMailOptions>, InvitationMailOptionsValidator>());
        services.TryAddSingleton<IInvitationMailLocaleResolver, DefaultInvitationMailLocaleResolver>();
        services.TryAddSingleton<IInviterNameResolver, NoInviterNameResolver>();
        services.TryAddSingleton<MailTemplates>();
        services.TryAddSingleton<InvitationMailRenderer>();
        services.TryAddSingleton<InvitationMailComposer>();
        services.Replace(ServiceDescriptor.Scoped<IInvitationMailer>(provider => // one SMTP connection per scope
            provider.GetRequiredService<IOptions<InvitationMailOptions>>().Value.PickupDirectory is null
                ? ActivatorUtilities.CreateInstance<SmtpInvitationMailer>(provider)
                : ActivatorUtilities.CreateInstance<PickupDirectoryInvitationMailer>(provider)));
        return options;
    }
}
