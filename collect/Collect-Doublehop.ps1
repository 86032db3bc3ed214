<#
.SYNOPSIS
    Exports what a doublehop model needs from Active Directory, as one JSON file for `doublehop import`.

.DESCRIPTION
    Reads each domain of the forest (or the domains given) with the ActiveDirectory module (RSAT), with the
    rights of any authenticated user, and writes one JSON file:

      - Get-ADDomain: DNSRoot, NetBIOSName, DomainSID, DomainMode, and ms-DS-MachineAccountQuota;
      - Get-ADTrust: Target, Direction, TrustType, TrustAttributes (MS-ADTS 6.1.6.7.9) and the flags derived
        from them (IntraForest, IsTreeParent, IsTreeRoot, DisallowTransivity, SelectiveAuthentication,
        SIDFilteringForestAware);
      - Get-ADUser, Get-ADComputer, Get-ADServiceAccount: SamAccountName, SID, DistinguishedName, Enabled,
        userAccountControl, primaryGroupID, servicePrincipalName, msDS-AllowedToDelegateTo,
        msDS-AllowedToActOnBehalfOfOtherIdentity and nTSecurityDescriptor (both as SDDL: the descriptors
        themselves, deny ACEs included), and a computer's OperatingSystem;
      - Get-ADGroup: SamAccountName, SID, DistinguishedName and member (distinguished names).

    Nothing is changed in the directory. Unlike SharpHound, the export keeps msDS-AllowedToDelegateTo whether or
    not protocol transition is set, and the RBCD descriptor as it is (doublehop decides it with an access check,
    so a deny ACE counts). See docs/import.md.

.PARAMETER Path
    The file to write (UTF-8 without a byte-order mark). Default: doublehop-ad-export.json.

.PARAMETER Domain
    The DNS names of the domains to read. Default: every domain of the current forest.

.EXAMPLE
    .\Collect-Doublehop.ps1 -Path corp.json
    doublehop import corp.json -o directory.yaml
#>
[CmdletBinding()]
param(
    [string] $Path = 'doublehop-ad-export.json',
    [string[]] $Domain
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
Import-Module ActiveDirectory

$forest = Get-ADForest
if (-not $Domain) { $Domain = @($forest.Domains) }

# SDDL of a security descriptor the AD module returns (ActiveDirectorySecurity), owner and DACL only; $null stays.
function ConvertTo-Sddl($descriptor) {
    if ($null -eq $descriptor) { return $null }
    return $descriptor.GetSecurityDescriptorSddlForm([System.Security.AccessControl.AccessControlSections]'Owner, Access')
}

# A multi-valued attribute as a JSON array, empty or of one value included (the comma keeps PowerShell from
# unrolling it).
function ConvertTo-StringArray($values) {
    return , ([string[]] @($values | Where-Object { $null -ne $_ }))
}

function ConvertTo-Principal($o, [switch] $Computer) {
    $p = [ordered] @{
        SamAccountName                             = $o.SamAccountName
        ObjectSid                                  = $o.SID.Value
        DistinguishedName                          = $o.DistinguishedName
        Enabled                                    = [bool] $o.Enabled
        UserAccountControl                         = [int] $o.userAccountControl
        PrimaryGroupID                             = [int] $o.primaryGroupID
        ServicePrincipalName                       = ConvertTo-StringArray $o.servicePrincipalName
        'msDS-AllowedToDelegateTo'                 = ConvertTo-StringArray $o.'msDS-AllowedToDelegateTo'
        'msDS-AllowedToActOnBehalfOfOtherIdentity' = ConvertTo-Sddl $o.'msDS-AllowedToActOnBehalfOfOtherIdentity'
        nTSecurityDescriptor                       = ConvertTo-Sddl $o.nTSecurityDescriptor
    }
    if ($Computer) { $p.OperatingSystem = $o.OperatingSystem }
    return [pscustomobject] $p
}

$properties = @(
    'servicePrincipalName', 'msDS-AllowedToDelegateTo', 'userAccountControl',
    'msDS-AllowedToActOnBehalfOfOtherIdentity', 'primaryGroupID', 'nTSecurityDescriptor'
)

$domains = foreach ($name in $Domain) {
    Write-Verbose "Reading $name"
    $d = Get-ADDomain -Server $name
    $server = $d.PDCEmulator
    $quota = (Get-ADObject -Identity $d.DistinguishedName -Server $server -Properties 'ms-DS-MachineAccountQuota').'ms-DS-MachineAccountQuota'
    $trusts = foreach ($t in @(Get-ADTrust -Filter * -Server $server)) {
        [pscustomobject] [ordered] @{
            Target                  = $t.Target
            Direction               = $t.Direction.ToString()
            TrustType               = $t.TrustType.ToString()
            TrustAttributes         = [int] $t.TrustAttributes
            IntraForest             = [bool] $t.IntraForest
            IsTreeParent            = [bool] $t.IsTreeParent
            IsTreeRoot              = [bool] $t.IsTreeRoot
            DisallowTransivity      = [bool] $t.DisallowTransivity
            SelectiveAuthentication = [bool] $t.SelectiveAuthentication
            SIDFilteringForestAware = [bool] $t.SIDFilteringForestAware
        }
    }
    [pscustomobject] [ordered] @{
        DNSRoot             = $d.DNSRoot
        NetBIOSName         = $d.NetBIOSName
        DomainSID           = $d.DomainSID.Value
        DomainMode          = $d.DomainMode.ToString()
        IsForestRoot        = ($d.DNSRoot -eq $forest.RootDomain)
        MachineAccountQuota = [int] $quota
        Trusts              = @($trusts)
        Users               = @(Get-ADUser -Filter * -Server $server -Properties $properties | ForEach-Object { ConvertTo-Principal $_ })
        Computers           = @(Get-ADComputer -Filter * -Server $server -Properties ($properties + 'OperatingSystem') | ForEach-Object { ConvertTo-Principal $_ -Computer })
        ServiceAccounts     = @(Get-ADServiceAccount -Filter * -Server $server -Properties $properties | ForEach-Object { ConvertTo-Principal $_ })
        Groups              = @(Get-ADGroup -Filter * -Server $server -Properties member | ForEach-Object {
                [pscustomobject] [ordered] @{
                    SamAccountName    = $_.SamAccountName
                    ObjectSid         = $_.SID.Value
                    DistinguishedName = $_.DistinguishedName
                    Members           = ConvertTo-StringArray $_.member
                }
            })
    }
}

$export = [pscustomobject] [ordered] @{
    format    = 'doublehop-ad-export'
    version   = 1
    collected = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss') + ' UTC'
    forest    = $forest.RootDomain
    domains   = @($domains)
}
$json = $export | ConvertTo-Json -Depth 8
$file = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
[System.IO.File]::WriteAllText($file, $json, [System.Text.UTF8Encoding]::new($false))
Write-Host "Wrote $Path: $(@($domains).Count) domain(s). Next: doublehop import $Path -o directory.yaml"
