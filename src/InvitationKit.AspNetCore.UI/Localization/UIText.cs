namespace InvitationKit.AspNetCore.UI.Localization;

/// <summary>
/// The screens' texts, for <c>IStringLocalizer&lt;UIText&gt;</c>. Keys are the English texts; the package carries
/// Russian (<c>Resources/Localization/UIText.ru.resx</c>). A kit error's message and remedies are looked up by its code
/// (<c>error.{Code}</c>, <c>error.{Code}.remedies</c>, one remedy per line) and fall back to the kit's English. Add a
/// language, or reword one, with your own <see cref="Microsoft.Extensions.Localization.IStringLocalizerFactory"/> or
/// resources (docs/ui.md).
/// </summary>
public sealed class UIText
{
    private UIText()
    {
    }
}
