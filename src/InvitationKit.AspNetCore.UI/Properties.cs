using Microsoft.Extensions.Localization;

// The screens' resources are under Resources/, whatever ResourcesPath the host gives its own.
[assembly: ResourceLocation("Resources")]
[assembly: RootNamespace("InvitationKit.AspNetCore.UI")]
