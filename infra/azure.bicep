// Azure resources for the school's IT Acceptable Use app, deployed by teamsapp.yml (arm/deploy):
// one Linux App Service (Node 22 LTS) running the whole app, and an Azure Bot (single tenant, Teams channel).
// The records live in the school's SharePoint site; the App Service keeps only its outbox under /home/data.

@maxLength(20)
@minLength(4)
@description('Base name for every resource, e.g. aupcrichcarr. Lower-case letters and digits.')
param resourceBaseName string

@description('App Service plan size. B1 is enough for a school; S1 or above for a trust with thousands of staff.')
param webAppSku string = 'B1'

param location string = resourceGroup().location

@description('Custom host name for the app, if the school has one; otherwise the azurewebsites.net name is used.')
param customDomain string = ''

@description('Client id of the bot\'s Entra app registration (BOT_ID).')
param botAadAppClientId string

@secure()
@description('Client secret of the bot\'s Entra app registration.')
param botAadAppClientSecret string

@description('When the bot\'s client secret expires (ISO date, written by provisioning); the IT technician is warned 30 and 7 days before.')
param botAadAppClientSecretExpiresAt string = ''

@description('When the Entra app\'s client secret expires (ISO date, written by provisioning).')
param aadAppClientSecretExpiresAt string = ''

@description('Client id of the Entra app for Teams SSO and Graph (AAD_APP_CLIENT_ID).')
param aadAppClientId string

@secure()
@description('Client secret of the Entra app for Teams SSO and Graph.')
param aadAppClientSecret string

@description('The school\'s Entra tenant id.')
param aadAppTenantId string = subscription().tenantId

@description('Graph id of the SharePoint site holding the lists.')
param sharePointSiteId string

@description('Entra object ids of the headteacher(s), comma-separated.')
param headteacherAadObjectIds string

@description('Entra object ids of the IT technician(s), comma-separated.')
param itTechnicianAadObjectIds string

param botDisplayName string = 'IT Acceptable Use'

@description('Object ids of the Entra security groups whose members are the staff, comma-separated (infra/staff-roster.md). Empty: the staff are whoever has the app.')
param staffGroupIds string = ''

@description('The app\'s id in the organisation\'s Teams app catalogue (TEAMS_APP_PUBLISHED_APP_ID, written by teamsapp publish), for proactive installation.')
param teamsAppCatalogId string = ''

@description('on: the app installs itself for staff who do not have it; off: a Teams setup policy for staff installs it.')
@allowed([
  'on'
  'off'
])
param proactiveInstall string = 'on'

@description('Optional: the address of the "AUP staff status" list in SharePoint, linked from the headteacher\'s cards.')
param staffStatusListUrl string = ''

var webAppName = resourceBaseName
var appHost = empty(customDomain) ? '${webAppName}.azurewebsites.net' : customDomain

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // --optimize-for-size: V8 collects old garbage sooner and keeps less code; a 10,000-card fan-out then peaks at
      // about 135 MB instead of 175-250 MB, at the same pace (README, Benchmarks).
      appCommandLine: 'node --optimize-for-size dist/server/main.js'
      alwaysOn: true // reminders and the outbox writer run in the background
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        // native modules (better-sqlite3) built on Linux
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        // /home survives restarts
        {
          name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
          value: 'true'
        }
        {
          name: 'DATA_DIR'
          value: '/home/data'
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'SECRET_BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'AAD_APP_TENANT_ID'
          value: aadAppTenantId
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'SECRET_AAD_APP_CLIENT_SECRET'
          value: aadAppClientSecret
        }
        {
          name: 'TAB_DOMAIN'
          value: appHost
        }
        {
          name: 'SHAREPOINT_SITE_ID'
          value: sharePointSiteId
        }
        {
          name: 'HEADTEACHER_AAD_OBJECT_ID'
          value: headteacherAadObjectIds
        }
        {
          name: 'IT_TECHNICIAN_AAD_OBJECT_ID'
          value: itTechnicianAadObjectIds
        }
        {
          name: 'STAFF_GROUP_IDS'
          value: staffGroupIds
        }
        {
          name: 'TEAMS_APP_CATALOG_ID'
          value: teamsAppCatalogId
        }
        {
          name: 'PROACTIVE_INSTALL'
          value: proactiveInstall
        }
        {
          name: 'STAFF_STATUS_LIST_URL'
          value: staffStatusListUrl
        }
        // End dates of the two secrets: the app warns the IT technician 30 and 7 days before
        {
          name: 'SECRET_BOT_PASSWORD_EXPIRES_AT'
          value: botAadAppClientSecretExpiresAt
        }
        {
          name: 'SECRET_AAD_APP_CLIENT_SECRET_EXPIRES_AT'
          value: aadAppClientSecretExpiresAt
        }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0' // Teams is a standard channel: free
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${appHost}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: aadAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Teams Toolkit writes these outputs into env/.env.{env} under the same names.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = appHost
output TAB_ENDPOINT string = 'https://${appHost}'
