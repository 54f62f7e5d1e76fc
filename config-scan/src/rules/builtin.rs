//! The built-in rule table.
//!
//! Every rule carries its own positive and negative example: `key` and
//! `value` describe a line that must be reported (the value is a template
//! expanded by [`crate::corpus::expand`]), `negative` is a literal line that
//! must not be reported. The table-driven test in this module checks each
//! rule in isolation, and the corpus generator plants the same shapes.

use super::RuleSpec;

/// Separator between a key name and its value: optional closing quote, an
/// optional type annotation (`: &str`), then `=`, `:`, `:=` or `=>`, then an
/// optional opening quote.
const SEP: &str =
    r#"["']?\s*(?::\s*&?(?:'static\s+)?[A-Za-z_][A-Za-z0-9_]*\s*)?(?::=|=>|=|:)\s*["'`]?"#;

/// End of a token: anything that cannot continue a base64/url-safe value.
const END: &str = r"(?:[^A-Za-z0-9+/=_-]|$)";

/// Static description of a built-in rule and its examples.
pub(crate) struct Builtin {
    pub id: &'static str,
    pub description: &'static str,
    pub keywords: Vec<&'static str>,
    pub entropy: Option<f64>,
    pub regex: String,
    pub multiline: bool,
    pub generic: bool,
    /// Key name used for the positive example and for planting in the corpus.
    pub key: &'static str,
    /// Value template of the positive example.
    pub value: String,
    /// A line that must not be reported by this rule.
    #[cfg_attr(not(test), allow(dead_code))]
    pub negative: String,
}

impl Builtin {
    pub(crate) fn spec(&self) -> RuleSpec {
        RuleSpec {
            id: self.id.to_string(),
            description: self.description.to_string(),
            regex: self.regex.clone(),
            keywords: self.keywords.iter().map(|k| k.to_string()).collect(),
            entropy: self.entropy,
            secret_group: None,
            multiline: self.multiline,
            generic: self.generic,
            ..RuleSpec::default()
        }
    }
}

/// A token with a fixed literal prefix, bounded on the left by a non-word byte.
fn tok(body: &str) -> String {
    format!(r"(?:^|[^A-Za-z0-9_])({body}){END}")
}

/// A value that is only recognisable next to a context word in its key.
fn ctx(context: &str, value: &str) -> String {
    format!(r"(?i){context}[A-Za-z0-9_.-]{{0,30}}?{SEP}({value}){END}")
}

fn pem(label: &str) -> String {
    format!(
        r"-----BEGIN {label}-----(?:\\n|\s)*([A-Za-z0-9+/=\s:,\\-]{{64,}}?)(?:\\n|\s)*-----END {label}-----"
    )
}

fn db_url(scheme: &str) -> String {
    format!(r#"(?i)\b(?:{scheme})://[^:@\s/"']{{1,64}}:([^@\s/"'$]{{3,128}})@[A-Za-z0-9.\-_\[\]]+"#)
}

fn generic(words: &str) -> String {
    format!(r#"(?i)(?:{words})[A-Za-z0-9_.-]{{0,30}}?{SEP}([^\s"'`,;()\[\]{{}}<>\\]{{12,200}})"#)
}

macro_rules! b {
    ($id:expr, $desc:expr, [$($kw:expr),*], $ent:expr, $re:expr, $key:expr, $val:expr, $neg:expr) => {
        Builtin {
            id: $id,
            description: $desc,
            keywords: vec![$($kw),*],
            entropy: $ent,
            regex: $re,
            multiline: false,
            generic: false,
            key: $key,
            value: $val.to_string(),
            negative: $neg.to_string(),
        }
    };
}

/// All built-in rules, most specific first.
pub(crate) fn builtins() -> Vec<Builtin> {
    let mut v = vec![
        // ---- cloud providers ----
        b!("aws-access-key-id", "AWS access key id", ["akia", "asia", "abia", "acca"], Some(2.5),
           tok("(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"),
           "aws_access_key_id", "AKIA{B:16}", r#"aws_access_key_id = "AKIAIOSFODNN7EXAMPLE""#),
        b!("aws-secret-access-key", "AWS secret access key", ["aws"], Some(4.0),
           ctx("aws[A-Za-z0-9_.-]{0,20}?(?:secret|sk)", "[A-Za-z0-9/+]{40}"),
           "aws_secret_access_key", "{b:40}", r#"aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY""#),
        b!("aws-mws-key", "Amazon MWS auth token", ["amzn.mws."], None,
           tok(r"amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
           "mws_auth_token", "amzn.mws.{x:8}-{x:4}-{x:4}-{x:4}-{x:12}", r#"mws_auth_token = "amzn.mws.<token>""#),
        b!("gcp-service-account-key", "Google Cloud service account key id", ["private_key_id"], Some(3.0),
           format!(r"(?i)private_key_id{SEP}([a-f0-9]{{40}})\b"),
           "private_key_id", "{x:40}", r#""private_key_id": "your-private-key-id""#),
        b!("gcp-api-key", "Google Cloud API key", ["aiza"], Some(3.0),
           tok("AIza[0-9A-Za-z_-]{35}"),
           "GOOGLE_API_KEY", "AIza{u:35}", r#"GOOGLE_API_KEY = "AIza-your-key""#),
        b!("gcp-oauth-client-secret", "Google OAuth client secret", ["gocspx-"], Some(3.0),
           tok("GOCSPX-[A-Za-z0-9_-]{28}"),
           "google_client_secret", "GOCSPX-{n:28}", r#"google_client_secret = "GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("azure-storage-connection-string", "Azure storage account key in a connection string", ["accountkey="], Some(4.0),
           r"(?i)AccountKey=([A-Za-z0-9+/]{86}==)".to_string(),
           "AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=acct{a:6};AccountKey={b:86}==;EndpointSuffix=core.windows.net",
           r#"AZURE_STORAGE_CONNECTION_STRING = "UseDevelopmentStorage=true""#),
        b!("azure-storage-account-key", "Azure storage account key", ["azure"], Some(4.0),
           ctx("azure[A-Za-z0-9_.-]{0,20}?(?:storage|account)[A-Za-z0-9_.-]{0,10}?key", "[A-Za-z0-9+/]{86}=="),
           "azure_storage_account_key", "{b:86}==", r#"azure_storage_account_key = "${AZURE_STORAGE_KEY}""#),
        b!("azure-ad-client-secret", "Azure AD client secret", ["q~"], Some(3.0),
           tok(r"[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}"),
           "AZURE_CLIENT_SECRET", "{n:3}{d:1}Q~{n:34}", r#"AZURE_CLIENT_SECRET = "<client-secret>""#),
        b!("azure-sas-token", "Azure shared access signature", ["sig="], Some(3.0),
           r"(?i)[?&]sv=\d{4}-\d\d-\d\d[^\s]*?&sig=([A-Za-z0-9%+/]{40,80})".to_string(),
           "blob_url", "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig={n:44}%3D",
           r#"blob_url = "https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=REDACTED""#),
        b!("digitalocean-pat", "DigitalOcean personal access token", ["dop_v1_"], Some(3.0),
           tok("dop_v1_[a-f0-9]{64}"), "DIGITALOCEAN_TOKEN", "dop_v1_{x:64}", r#"DIGITALOCEAN_TOKEN = "dop_v1_...""#),
        b!("digitalocean-oauth-token", "DigitalOcean OAuth token", ["doo_v1_"], Some(3.0),
           tok("doo_v1_[a-f0-9]{64}"), "do_oauth", "doo_v1_{x:64}", r#"do_oauth = "doo_v1_0000000000000000000000000000000000000000000000000000000000000000""#),
        b!("digitalocean-refresh-token", "DigitalOcean refresh token", ["dor_v1_"], Some(3.0),
           tok("dor_v1_[a-f0-9]{64}"), "do_refresh", "dor_v1_{x:64}", r#"do_refresh = "dor_v1_<refresh>""#),
        b!("alibaba-access-key-id", "Alibaba Cloud access key id", ["ltai"], Some(3.0),
           tok("LTAI[A-Za-z0-9]{20}"), "alibaba_access_key_id", "LTAI{n:20}", r#"alibaba_access_key_id = "LTAIxxxxxxxxxxxxxxxxxxxx""#),
        b!("alibaba-secret-key", "Alibaba Cloud access key secret", ["alibaba", "aliyun"], Some(3.5),
           ctx("(?:alibaba|aliyun)[A-Za-z0-9_.-]{0,20}?secret", "[A-Za-z0-9]{30}"),
           "alibaba_access_key_secret", "{n:30}", r#"alibaba_access_key_secret = "changeme""#),
        b!("heroku-api-key", "Heroku API key", ["heroku"], Some(3.0),
           ctx("heroku[A-Za-z0-9_.-]{0,20}?(?:key|token)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
           "HEROKU_API_KEY", "{x:8}-{x:4}-{x:4}-{x:4}-{x:12}", r#"HEROKU_API_KEY = "00000000-0000-0000-0000-000000000000""#),
        b!("heroku-api-key-v2", "Heroku platform API key", ["hrku-"], Some(3.0),
           tok("HRKU-AA[0-9A-Za-z_-]{58}"), "heroku_token", "HRKU-AA{u:58}", r#"heroku_token = "HRKU-your-token""#),
        b!("cloudflare-api-token", "Cloudflare API token", ["cloudflare", "cf_api"], Some(3.5),
           ctx("(?:cloudflare|cf_api)[A-Za-z0-9_.-]{0,20}?(?:token|key)", "[A-Za-z0-9_-]{40}"),
           "CLOUDFLARE_API_TOKEN", "{n:40}", r#"CLOUDFLARE_API_TOKEN = "your-cloudflare-token""#),
        b!("cloudflare-origin-ca-key", "Cloudflare origin CA key", ["v1.0-"], Some(3.0),
           tok("v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}"), "origin_ca_key", "v1.0-{x:24}-{x:146}", r#"origin_ca_key = "v1.0-abc""#),
        b!("fastly-api-token", "Fastly API token", ["fastly"], Some(3.5),
           ctx("fastly[A-Za-z0-9_.-]{0,20}?(?:token|key)", "[A-Za-z0-9_-]{32}"),
           "FASTLY_API_TOKEN", "{n:32}", r#"FASTLY_API_TOKEN = "${FASTLY_TOKEN}""#),
        b!("vault-service-token", "HashiCorp Vault service token", ["hvs."], Some(3.5),
           tok(r"hvs\.[A-Za-z0-9_-]{90,120}"), "VAULT_TOKEN", "hvs.{u:95}", r#"VAULT_TOKEN = "hvs.dev-only""#),
        b!("terraform-cloud-token", "Terraform Cloud API token", ["atlasv1"], Some(3.5),
           tok(r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}"), "TFE_TOKEN", "{n:14}.atlasv1.{n:67}", r#"TFE_TOKEN = "xxxxxxxxxxxxxx.atlasv1.xxxx""#),
        b!("openai-api-key", "OpenAI API key", ["t3blbkfj"], Some(3.5),
           tok("sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}"),
           "OPENAI_API_KEY", "sk-proj-{n:48}T3BlbkFJ{n:48}", r#"OPENAI_API_KEY = "sk-...""#),
        b!("anthropic-api-key", "Anthropic API key", ["sk-ant-"], Some(3.5),
           tok("sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,100}AA"),
           "ANTHROPIC_API_KEY", "sk-ant-api03-{n:93}AA", r#"ANTHROPIC_API_KEY = "sk-ant-your-key""#),
        b!("huggingface-token", "Hugging Face access token", ["hf_"], Some(3.5),
           tok("hf_[A-Za-z]{34}"), "HF_TOKEN", "hf_{L:34}", r#"HF_TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("databricks-token", "Databricks API token", ["dapi"], Some(3.0),
           tok("dapi[a-f0-9]{32}(?:-\\d)?"), "DATABRICKS_TOKEN", "dapi{x:32}", r#"DATABRICKS_TOKEN = "dapi_placeholder""#),
        b!("planetscale-token", "PlanetScale token or password", ["pscale_"], Some(3.0),
           tok("pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{43}"), "PLANETSCALE_TOKEN", "pscale_tkn_{u:43}", r#"PLANETSCALE_TOKEN = "pscale_tkn_<token>""#),
        b!("supabase-token", "Supabase personal access token", ["sbp_"], Some(3.0),
           tok("sbp_[a-f0-9]{40}"), "SUPABASE_ACCESS_TOKEN", "sbp_{x:40}", r#"SUPABASE_ACCESS_TOKEN = "sbp_example""#),
        b!("flyio-token", "Fly.io access token", ["fo1_"], Some(3.0),
           tok("fo1_[A-Za-z0-9_-]{43}"), "FLY_API_TOKEN", "fo1_{u:43}", r#"FLY_API_TOKEN = "fo1_...""#),
        // ---- version control and CI ----
        b!("github-pat", "GitHub personal access token (classic)", ["ghp_"], Some(3.0),
           tok("ghp_[A-Za-z0-9]{36}"), "GITHUB_TOKEN", "ghp_{n:36}", r#"GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("github-fine-grained-pat", "GitHub fine-grained personal access token", ["github_pat_"], Some(3.0),
           tok("github_pat_[A-Za-z0-9_]{82}"), "GH_PAT", "github_pat_{n:22}_{n:59}", r#"GH_PAT = "github_pat_<your-token>""#),
        b!("github-oauth-token", "GitHub OAuth access token", ["gho_"], Some(3.0),
           tok("gho_[A-Za-z0-9]{36}"), "gh_oauth", "gho_{n:36}", r#"gh_oauth = "gho_""#),
        b!("github-app-token", "GitHub app user-to-server or server-to-server token", ["ghu_", "ghs_"], Some(3.0),
           tok("(?:ghu|ghs)_[A-Za-z0-9]{36}"), "gh_app_token", "ghs_{n:36}", r#"gh_app_token = "ghs_0000000000000000000000000000000000000""#),
        b!("github-refresh-token", "GitHub refresh token", ["ghr_"], Some(3.0),
           tok("ghr_[A-Za-z0-9]{36,76}"), "gh_refresh", "ghr_{n:76}", r#"gh_refresh = "ghr_short""#),
        b!("gitlab-pat", "GitLab personal access token", ["glpat-"], Some(3.0),
           tok("glpat-[A-Za-z0-9_-]{20,}"), "GITLAB_TOKEN", "glpat-{n:20}", r#"GITLAB_TOKEN = "glpat-xxxxxxxxxxxxxxxxxxxx""#),
        b!("gitlab-runner-token", "GitLab runner authentication token", ["glrt-"], Some(3.0),
           tok("glrt-[A-Za-z0-9_-]{20,}"), "runner_token", "glrt-{n:20}", r#"runner_token = "glrt-<token>""#),
        b!("gitlab-deploy-token", "GitLab deploy token", ["gldt-"], Some(3.0),
           tok("gldt-[A-Za-z0-9_-]{20,}"), "deploy_token", "gldt-{n:20}", r#"deploy_token = "gldt-REPLACE_ME_PLEASE_0""#),
        b!("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", ["glptt-"], Some(3.0),
           tok("glptt-[0-9a-f]{40}"), "trigger_token", "glptt-{x:40}", r#"trigger_token = "glptt-abc""#),
        b!("gitlab-runner-registration-token", "GitLab runner registration token", ["gr1348941"], Some(3.0),
           tok("GR1348941[A-Za-z0-9_-]{20}"), "registration_token", "GR1348941{n:20}", r#"registration_token = "GR1348941""#),
        b!("bitbucket-app-password", "Bitbucket / Atlassian app password", ["atbb"], Some(3.0),
           tok("ATBB[A-Za-z0-9_=.-]{32}"), "BITBUCKET_APP_PASSWORD", "ATBB{n:32}", r#"BITBUCKET_APP_PASSWORD = "ATBB...""#),
        b!("bitbucket-client-secret", "Bitbucket OAuth client secret", ["bitbucket"], Some(3.5),
           ctx("bitbucket[A-Za-z0-9_.-]{0,20}?secret", "[A-Za-z0-9_=-]{32,64}"),
           "bitbucket_client_secret", "{n:32}", r#"bitbucket_client_secret = "<secret>""#),
        b!("atlassian-api-token", "Atlassian API token", ["atatt3"], Some(3.5),
           tok("ATATT3[A-Za-z0-9_=-]{186}"), "JIRA_API_TOKEN", "ATATT3{n:186}", r#"JIRA_API_TOKEN = "ATATT3xxxx""#),
        b!("circleci-pat", "CircleCI personal API token", ["ccipat_"], Some(3.0),
           tok("CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}"), "CIRCLECI_TOKEN", "CCIPAT_{n:22}_{x:40}", r#"CIRCLECI_TOKEN = "CCIPAT_your_token""#),
        b!("circleci-api-token", "CircleCI API token", ["circle"], Some(2.5),
           ctx("circle[A-Za-z0-9_.-]{0,20}?token", "[a-f0-9]{40}"), "CIRCLE_TOKEN", "{x:40}", r#"CIRCLE_TOKEN = "$CIRCLE_TOKEN_FROM_ENV""#),
        b!("travis-ci-token", "Travis CI access token", ["travis"], Some(3.0),
           ctx("travis[A-Za-z0-9_.-]{0,20}?token", "[A-Za-z0-9]{22}"), "TRAVIS_API_TOKEN", "{n:22}", r#"TRAVIS_API_TOKEN = "your-travis-token-here""#),
        b!("jenkins-api-token", "Jenkins API token", ["jenkins"], Some(2.5),
           ctx("jenkins[A-Za-z0-9_.-]{0,20}?token", "[a-f0-9]{32,34}"), "JENKINS_API_TOKEN", "11{x:32}", r#"JENKINS_API_TOKEN = "11111111111111111111111111111111""#),
        b!("buildkite-token", "Buildkite API access token", ["bkua_"], Some(3.0),
           tok("bkua_[a-f0-9]{40}"), "BUILDKITE_API_TOKEN", "bkua_{x:40}", r#"BUILDKITE_API_TOKEN = "bkua_""#),
        b!("sonarqube-token", "SonarQube token", ["sqp_", "squ_", "sqa_"], Some(3.0),
           tok("sq[pua]_[a-f0-9]{40}"), "SONAR_TOKEN", "sqp_{x:40}", r#"SONAR_TOKEN = "sqp_<token>""#),
        b!("sentry-user-token", "Sentry user auth token", ["sntryu_"], Some(3.0),
           tok("sntryu_[a-f0-9]{64}"), "SENTRY_AUTH_TOKEN", "sntryu_{x:64}", r#"SENTRY_AUTH_TOKEN = "sntryu_""#),
        b!("doppler-token", "Doppler service token", ["dp.pt."], Some(3.0),
           tok(r"dp\.pt\.[A-Za-z0-9]{43}"), "DOPPLER_TOKEN", "dp.pt.{n:43}", r#"DOPPLER_TOKEN = "dp.pt.xxx""#),
        b!("pulumi-token", "Pulumi access token", ["pul-"], Some(3.0),
           tok("pul-[a-f0-9]{40}"), "PULUMI_ACCESS_TOKEN", "pul-{x:40}", r#"PULUMI_ACCESS_TOKEN = "pul-0000000000000000000000000000000000000000""#),
        b!("postman-api-key", "Postman API key", ["pmak-"], Some(3.0),
           tok("PMAK-[a-f0-9]{24}-[a-f0-9]{34}"), "POSTMAN_API_KEY", "PMAK-{x:24}-{x:34}", r#"POSTMAN_API_KEY = "PMAK-your-key""#),
        b!("grafana-service-account-token", "Grafana service account token", ["glsa_"], Some(3.0),
           tok("glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"), "GRAFANA_TOKEN", "glsa_{n:32}_{x:8}", r#"GRAFANA_TOKEN = "glsa_""#),
        b!("grafana-cloud-token", "Grafana Cloud API token", ["glc_"], Some(3.5),
           tok("glc_[A-Za-z0-9+/]{32,400}={0,2}"), "GRAFANA_CLOUD_TOKEN", "glc_{b:80}", r#"GRAFANA_CLOUD_TOKEN = "glc_xxxx""#),
        b!("newrelic-user-api-key", "New Relic user API key", ["nrak-"], Some(3.0),
           tok("NRAK-[A-Z0-9]{27}"), "NEW_RELIC_API_KEY", "NRAK-{A:27}", r#"NEW_RELIC_API_KEY = "NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX""#),
        b!("datadog-api-key", "Datadog API key", ["datadog", "dd_api", "ddapi"], Some(2.5),
           ctx("(?:datadog|dd)[A-Za-z0-9_.-]{0,10}?(?:api|app)[_-]?key", "[a-f0-9]{32,40}"), "DD_API_KEY", "{x:32}", r#"DD_API_KEY = "<datadog-api-key>""#),
        b!("linear-api-key", "Linear API key", ["lin_api_"], Some(3.0),
           tok("lin_api_[A-Za-z0-9]{40}"), "LINEAR_API_KEY", "lin_api_{n:40}", r#"LINEAR_API_KEY = "lin_api_""#),
        b!("notion-token", "Notion integration token", ["ntn_"], Some(3.0),
           tok("ntn_[0-9]{11}[A-Za-z0-9]{35}"), "NOTION_TOKEN", "ntn_{d:11}{n:35}", r#"NOTION_TOKEN = "ntn_...""#),
        b!("shopify-token", "Shopify access token or shared secret", ["shpat_", "shpss_", "shpca_", "shppa_"], Some(3.0),
           tok("shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"), "SHOPIFY_ACCESS_TOKEN", "shpat_{x:32}", r#"SHOPIFY_ACCESS_TOKEN = "shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("okta-api-token", "Okta API token", ["okta"], Some(3.5),
           ctx("okta[A-Za-z0-9_.-]{0,20}?(?:token|key)", "00[A-Za-z0-9_-]{40}"), "OKTA_API_TOKEN", "00{n:40}", r#"OKTA_API_TOKEN = "{{ okta_token }}""#),
        b!("onepassword-service-account-token", "1Password service account token", ["ops_eyj"], Some(3.5),
           tok("ops_eyJ[A-Za-z0-9+/=]{250,}"), "OP_SERVICE_ACCOUNT_TOKEN", "ops_eyJ{b:260}", r#"OP_SERVICE_ACCOUNT_TOKEN = "ops_eyJ...""#),
        b!("contentful-token", "Contentful personal access token", ["cfpat-"], Some(3.0),
           tok("CFPAT-[A-Za-z0-9_-]{43}"), "CONTENTFUL_TOKEN", "CFPAT-{n:43}", r#"CONTENTFUL_TOKEN = "CFPAT-""#),
        b!("figma-token", "Figma personal access token", ["figd_"], Some(3.0),
           tok("figd_[A-Za-z0-9_-]{40}"), "FIGMA_TOKEN", "figd_{n:40}", r#"FIGMA_TOKEN = "figd_your_token""#),
        b!("dynatrace-token", "Dynatrace API token", ["dt0c01."], Some(3.0),
           tok(r"dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}"), "DT_API_TOKEN", "dt0c01.{A:24}.{A:64}", r#"DT_API_TOKEN = "dt0c01.XXXX""#),
        b!("prefect-api-key", "Prefect API key", ["pnu_"], Some(3.0),
           tok("pnu_[A-Za-z0-9]{36}"), "PREFECT_API_KEY", "pnu_{n:36}", r#"PREFECT_API_KEY = "pnu_""#),
        b!("age-secret-key", "age encryption secret key", ["age-secret-key-1"], None,
           tok("AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"), "age_key", "AGE-SECRET-KEY-1{q:58}", r#"age_key = "AGE-SECRET-KEY-1...""#),
        b!("mapbox-secret-token", "Mapbox secret access token", ["sk.eyj1"], Some(3.0),
           tok(r"sk\.eyJ1[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{22}"), "MAPBOX_TOKEN", "sk.eyJ1{u:60}.{u:22}", r#"MAPBOX_TOKEN = "pk.eyJ1public""#),
        b!("facebook-access-token", "Facebook / Meta access token", ["eaaced"], Some(3.0),
           tok("EAACEdEose0cBA[0-9A-Za-z]{20,}"), "FB_ACCESS_TOKEN", "EAACEdEose0cBA{n:40}", r#"FB_ACCESS_TOKEN = "EAACEdEose0cBA""#),
        // ---- payments ----
        b!("stripe-live-secret-key", "Stripe live secret key", ["sk_live_"], Some(3.0),
           tok("sk_live_[A-Za-z0-9]{24,99}"), "STRIPE_SECRET_KEY", "sk_live_{n:24}", r#"STRIPE_SECRET_KEY = "sk_live_your_key_here""#),
        b!("stripe-test-secret-key", "Stripe test secret key", ["sk_test_"], Some(3.0),
           tok("sk_test_[A-Za-z0-9]{24,99}"), "STRIPE_TEST_KEY", "sk_test_{n:24}", r#"STRIPE_TEST_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc""#),
        b!("stripe-restricted-key", "Stripe restricted key", ["rk_live_", "rk_test_"], Some(3.0),
           tok("rk_(?:live|test)_[A-Za-z0-9]{24,99}"), "STRIPE_RESTRICTED_KEY", "rk_live_{n:24}", r#"STRIPE_RESTRICTED_KEY = "rk_live_...""#),
        b!("stripe-webhook-secret", "Stripe webhook signing secret", ["whsec_"], Some(3.0),
           tok("whsec_[A-Za-z0-9]{32,}"), "STRIPE_WEBHOOK_SECRET", "whsec_{n:32}", r#"STRIPE_WEBHOOK_SECRET = "whsec_...""#),
        b!("square-access-token", "Square access token", ["eaaa", "sq0atp-"], Some(3.5),
           tok("(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})"), "SQUARE_ACCESS_TOKEN", "EAAA{u:60}", r#"SQUARE_ACCESS_TOKEN = "EAAA""#),
        b!("square-oauth-secret", "Square OAuth application secret", ["sq0csp-"], Some(3.0),
           tok("sq0csp-[A-Za-z0-9_-]{43}"), "SQUARE_APP_SECRET", "sq0csp-{u:43}", r#"SQUARE_APP_SECRET = "sq0csp-""#),
        b!("braintree-access-token", "PayPal Braintree access token", ["access_token$production$"], None,
           tok(r"access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}"), "BRAINTREE_ACCESS_TOKEN", "access_token$production${a:16}${x:32}", r#"BRAINTREE_ACCESS_TOKEN = "access_token$sandbox$""#),
        b!("braintree-private-key", "Braintree private key", ["braintree"], Some(2.5),
           ctx("braintree[A-Za-z0-9_.-]{0,20}?private", "[a-f0-9]{32}"), "BRAINTREE_PRIVATE_KEY", "{x:32}", r#"BRAINTREE_PRIVATE_KEY = "use_your_private_key""#),
        b!("paypal-client-secret", "PayPal REST client secret", ["paypal"], Some(3.5),
           ctx("paypal[A-Za-z0-9_.-]{0,20}?secret", "E[A-Za-z0-9_-]{79}"), "PAYPAL_CLIENT_SECRET", "E{u:79}", r#"PAYPAL_CLIENT_SECRET = "EXAMPLE""#),
        b!("adyen-api-key", "Adyen API key", ["adyen"], Some(3.5),
           ctx("adyen[A-Za-z0-9_.-]{0,20}?(?:key|secret)", "AQE[A-Za-z0-9+/=._-]{60,200}"), "ADYEN_API_KEY", "AQE{n:20}+{b:80}", r#"ADYEN_API_KEY = "AQE_your_adyen_key""#),
        b!("flutterwave-secret-key", "Flutterwave secret key", ["flwseck"], Some(3.0),
           tok("FLWSECK(?:_TEST)?-[a-f0-9]{32}-X"), "FLW_SECRET_KEY", "FLWSECK-{x:32}-X", r#"FLW_SECRET_KEY = "FLWSECK-xxxx-X""#),
        b!("plaid-secret", "Plaid API secret", ["plaid"], Some(2.5),
           ctx("plaid[A-Za-z0-9_.-]{0,20}?secret", "[a-f0-9]{30}"), "PLAID_SECRET", "{x:30}", r#"PLAID_SECRET = "plaid-secret-here""#),
        b!("shippo-token", "Shippo API token", ["shippo_"], Some(3.0),
           tok("shippo_(?:live|test)_[a-f0-9]{40}"), "SHIPPO_TOKEN", "shippo_live_{x:40}", r#"SHIPPO_TOKEN = "shippo_live_""#),
        b!("easypost-api-key", "EasyPost API key", ["ezak"], Some(3.5),
           tok("EZAK[A-Za-z0-9]{54}"), "EASYPOST_API_KEY", "EZAK{n:54}", r#"EASYPOST_API_KEY = "EZAK""#),
        // ---- messaging ----
        b!("slack-bot-token", "Slack bot token", ["xoxb-"], Some(3.0),
           tok("xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}"), "SLACK_BOT_TOKEN", "xoxb-{d:12}-{d:13}-{n:24}", r#"SLACK_BOT_TOKEN = "xoxb-your-token""#),
        b!("slack-user-token", "Slack user token", ["xoxp-", "xoxe-"], Some(3.0),
           tok("xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9]{28,34}"), "SLACK_USER_TOKEN", "xoxp-{d:12}-{d:12}-{d:13}-{x:32}", r#"SLACK_USER_TOKEN = "xoxp-<user-token>""#),
        b!("slack-app-token", "Slack app-level token", ["xapp-"], Some(3.0),
           tok("xapp-\\d-[A-Z0-9]{9,12}-\\d{10,13}-[a-f0-9]{64}"), "SLACK_APP_TOKEN", "xapp-1-A{A:10}-{d:13}-{x:64}", r#"SLACK_APP_TOKEN = "xapp-1-...""#),
        b!("slack-webhook-url", "Slack incoming webhook URL", ["hooks.slack.com"], Some(3.0),
           r"hooks\.slack\.com/services/(T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})".to_string(),
           "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T{A:10}/B{A:10}/{n:24}", r#"SLACK_WEBHOOK_URL = "https://hooks.slack.com/services/T000/B000/XXXX""#),
        b!("discord-bot-token", "Discord bot token", ["discord"], Some(3.5),
           ctx("discord[A-Za-z0-9_.-]{0,20}?token", r"[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}"),
           "DISCORD_BOT_TOKEN", "M{n:25}.{n:6}.{u:38}", r#"DISCORD_BOT_TOKEN = "your.discord.token""#),
        b!("discord-webhook-url", "Discord webhook URL", ["/api/webhooks/"], Some(3.0),
           r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/(\d{17,20}/[A-Za-z0-9_-]{60,68})".to_string(),
           "DISCORD_WEBHOOK", "https://discord.com/api/webhooks/{d:18}/{u:68}", r#"DISCORD_WEBHOOK = "https://discord.com/api/webhooks/<id>/<token>""#),
        b!("telegram-bot-token", "Telegram bot token", [":aa"], Some(3.0),
           tok("\\d{8,10}:AA[A-Za-z0-9_-]{33}"), "TELEGRAM_BOT_TOKEN", "{d:10}:AA{n:33}", r#"TELEGRAM_BOT_TOKEN = "123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("twilio-api-key", "Twilio API key or account SID", ["twilio"], Some(3.0),
           ctx("twilio[A-Za-z0-9_.-]{0,20}?(?:key|sid)", "(?:SK|AC)[0-9a-f]{32}"), "TWILIO_API_KEY", "SK{x:32}", r#"TWILIO_API_KEY = "SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("twilio-auth-token", "Twilio auth token", ["twilio"], Some(2.5),
           ctx("twilio[A-Za-z0-9_.-]{0,20}?(?:auth|token|secret)", "[0-9a-f]{32}"), "TWILIO_AUTH_TOKEN", "{x:32}", r#"TWILIO_AUTH_TOKEN = "your_auth_token""#),
        b!("sendgrid-api-key", "SendGrid API key", ["sg."], Some(3.5),
           tok(r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"), "SENDGRID_API_KEY", "SG.{u:22}.{u:43}", r#"SENDGRID_API_KEY = "SG.your-key""#),
        b!("mailgun-api-key", "Mailgun API key", ["key-"], Some(3.0),
           tok("key-[0-9a-f]{32}"), "MAILGUN_API_KEY", "key-{x:32}", r#"MAILGUN_API_KEY = "key-00000000000000000000000000000000""#),
        b!("mailchimp-api-key", "Mailchimp API key", ["-us"], Some(3.0),
           tok("[0-9a-f]{32}-us\\d{1,2}"), "MAILCHIMP_API_KEY", "{x:32}-us{d:1}", r#"MAILCHIMP_API_KEY = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us1""#),
        b!("postmark-server-token", "Postmark server token", ["postmark"], Some(3.0),
           ctx("postmark[A-Za-z0-9_.-]{0,20}?(?:token|key)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "POSTMARK_SERVER_TOKEN", "{x:8}-{x:4}-{x:4}-{x:4}-{x:12}", r#"POSTMARK_SERVER_TOKEN = "POSTMARK_API_TEST""#),
        b!("teams-webhook-url", "Microsoft Teams incoming webhook URL", ["webhook.office.com"], Some(3.0),
           r"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/([a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36})".to_string(),
           "TEAMS_WEBHOOK", "https://acme.webhook.office.com/webhookb2/{x:8}-{x:4}-{x:4}-{x:4}-{x:12}@{x:8}-{x:4}-{x:4}-{x:4}-{x:12}/IncomingWebhook/{x:32}/{x:8}-{x:4}-{x:4}-{x:4}-{x:12}",
           r#"TEAMS_WEBHOOK = "https://acme.webhook.office.com/webhookb2/...""#),
        // ---- package registries ----
        b!("npm-access-token", "npm access token", ["npm_"], Some(3.0),
           tok("npm_[A-Za-z0-9]{36}"), "NPM_TOKEN", "npm_{n:36}", r#"NPM_TOKEN = "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#),
        b!("npmrc-auth-token", "npm registry auth token in .npmrc", ["_authtoken"], Some(3.0),
           r#"_authToken\s*=\s*["']?([A-Za-z0-9+/=_-]{20,})"#.to_string(), "//registry.example.org/:_authToken", "{u:40}", r#"//registry.npmjs.org/:_authToken=${NPM_TOKEN}"#),
        b!("pypi-upload-token", "PyPI upload token", ["pypi-ageichlwas5vcmc"], Some(3.0),
           tok("pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"), "PYPI_TOKEN", "pypi-AgEIcHlwaS5vcmc{u:70}", r#"PYPI_TOKEN = "pypi-AgEIcHlwaS5vcmc""#),
        b!("crates-io-token", "crates.io API token", ["cio"], Some(3.5),
           tok("cio[A-Za-z0-9]{32}"), "CARGO_REGISTRY_TOKEN", "cio{n:32}", r#"CARGO_REGISTRY_TOKEN = "cioXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX""#),
        b!("rubygems-api-key", "RubyGems API key", ["rubygems_"], Some(3.0),
           tok("rubygems_[a-f0-9]{48}"), "GEM_HOST_API_KEY", "rubygems_{x:48}", r#"GEM_HOST_API_KEY = "rubygems_""#),
        b!("nuget-api-key", "NuGet API key", ["oy2"], Some(3.5),
           tok("oy2[a-z0-9]{43}"), "NUGET_API_KEY", "oy2{a:43}", r#"NUGET_API_KEY = "oy2...""#),
        b!("docker-hub-pat", "Docker Hub personal access token", ["dckr_pat_"], Some(3.0),
           tok("dckr_pat_[A-Za-z0-9_-]{27}"), "DOCKERHUB_TOKEN", "dckr_pat_{n:27}", r#"DOCKERHUB_TOKEN = "dckr_pat_""#),
        b!("docker-config-auth", "Registry credentials in a Docker config.json", ["\"auth\""], Some(3.5),
           r#""auth"\s*[:=]\s*"([A-Za-z0-9+/]{20,}={0,2})""#.to_string(), "\"auth\"", "{b:44}", r#""auth": """#),
        b!("clojars-token", "Clojars deploy token", ["clojars_"], Some(3.0),
           tok("CLOJARS_[a-z0-9]{60}"), "CLOJARS_TOKEN", "CLOJARS_{a:60}", r#"CLOJARS_TOKEN = "CLOJARS_""#),
        // ---- tokens ----
        b!("jwt", "JSON Web Token", ["eyj"], Some(3.0),
           tok(r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"), "ACCESS_JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{u:60}.{u:43}", r#"ACCESS_JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.""#),
    ];
    for (id, label, kw, desc) in [
        (
            "private-key-rsa",
            "RSA PRIVATE KEY",
            "begin rsa private key",
            "RSA private key (PEM)",
        ),
        (
            "private-key-ec",
            "EC PRIVATE KEY",
            "begin ec private key",
            "EC private key (PEM)",
        ),
        (
            "private-key-dsa",
            "DSA PRIVATE KEY",
            "begin dsa private key",
            "DSA private key (PEM)",
        ),
        (
            "private-key-pkcs8",
            "PRIVATE KEY",
            "begin private key",
            "PKCS#8 private key (PEM)",
        ),
        (
            "private-key-encrypted",
            "ENCRYPTED PRIVATE KEY",
            "begin encrypted private key",
            "Encrypted PKCS#8 private key (PEM)",
        ),
        (
            "private-key-openssh",
            "OPENSSH PRIVATE KEY",
            "begin openssh private key",
            "OpenSSH private key",
        ),
        (
            "pgp-private-key-block",
            "PGP PRIVATE KEY BLOCK",
            "begin pgp private key block",
            "PGP private key block",
        ),
    ] {
        v.push(Builtin {
            id,
            description: desc,
            keywords: vec![kw],
            entropy: Some(4.0),
            regex: pem(label),
            multiline: true,
            generic: false,
            key: "private_key",
            value: format!("-----BEGIN {label}-----\n{{p:8}}\n-----END {label}-----"),
            negative: format!(
                "-----BEGIN {label}-----\n<paste your key here>\n-----END {label}-----"
            ),
        });
    }
    v.extend([
        // ---- connection strings ----
        b!(
            "postgres-url-password",
            "PostgreSQL connection URL with a password",
            ["postgres://", "postgresql://"],
            Some(2.5),
            db_url("postgres(?:ql)?"),
            "DATABASE_URL",
            "postgres://app:{n:20}@db.internal:5432/app",
            r#"DATABASE_URL = "postgres://app:${DB_PASSWORD}@localhost:5432/app""#
        ),
        b!(
            "mysql-url-password",
            "MySQL connection URL with a password",
            ["mysql://"],
            Some(2.5),
            db_url("mysql"),
            "MYSQL_URL",
            "mysql://root:{n:18}@mysql:3306/shop",
            r#"MYSQL_URL = "mysql://root:password@localhost/shop""#
        ),
        b!(
            "mongodb-url-password",
            "MongoDB connection URL with a password",
            ["mongodb://", "mongodb+srv://"],
            Some(2.5),
            db_url(r"mongodb(?:\+srv)?"),
            "MONGO_URI",
            "mongodb+srv://svc:{n:22}@cluster0.ab12c.mongodb.net/prod",
            r#"MONGO_URI = "mongodb://user:<password>@localhost:27017""#
        ),
        b!(
            "redis-url-password",
            "Redis connection URL with a password",
            ["redis://", "rediss://"],
            Some(2.5),
            db_url("rediss?"),
            "REDIS_URL",
            "rediss://default:{n:24}@cache.internal:6380/0",
            r#"REDIS_URL = "redis://:changeme@localhost:6379/0""#
        ),
        b!(
            "amqp-url-password",
            "AMQP (RabbitMQ) connection URL with a password",
            ["amqp://", "amqps://"],
            Some(2.5),
            db_url("amqps?"),
            "AMQP_URL",
            "amqps://worker:{n:20}@mq.internal:5671/vhost",
            r#"AMQP_URL = "amqp://guest:guest@localhost:5672/""#
        ),
        b!(
            "http-basic-auth-url",
            "Credentials embedded in an HTTP(S) URL",
            ["http://", "https://"],
            Some(3.0),
            r#"(?i)\bhttps?://[A-Za-z0-9._~%!*+-]{1,64}:([^@\s/"'$<>{}]{6,128})@[A-Za-z0-9.-]+"#
                .to_string(),
            "PACKAGE_INDEX_URL",
            "https://deploy:{n:20}@pypi.internal.example.net/simple",
            r#"PACKAGE_INDEX_URL = "https://user:password@pypi.example.org/simple""#
        ),
        // ---- generic assignments ----
        Builtin {
            generic: true,
            ..b!(
                "authorization-bearer-token",
                "Bearer token in an Authorization header",
                ["bearer"],
                Some(3.5),
                r"(?i)\bbearer\s+([A-Za-z0-9_.=+/~-]{20,500})".to_string(),
                "AUTH_HEADER",
                "Bearer {u:40}",
                r#"AUTH_HEADER = "Bearer ${API_TOKEN}""#
            )
        },
        Builtin {
            generic: true,
            ..b!(
                "generic-password",
                "Password assigned in code or configuration",
                ["password", "passwd", "pwd"],
                Some(3.3),
                generic("password|passwd|pwd"),
                "db_password",
                "{n:20}",
                r#"db_password = "changeme""#
            )
        },
        Builtin {
            generic: true,
            ..b!(
                "generic-secret",
                "Secret assigned in code or configuration",
                ["secret"],
                Some(3.3),
                generic("secret"),
                "client_secret",
                "{n:32}",
                r#"client_secret = os.environ["CLIENT_SECRET"]"#
            )
        },
        Builtin {
            generic: true,
            ..b!(
                "generic-token",
                "Token assigned in code or configuration",
                ["token"],
                Some(3.3),
                generic("token"),
                "auth_token",
                "{u:36}",
                r#"auth_token = "your-token-here""#
            )
        },
        Builtin {
            generic: true,
            ..b!(
                "generic-api-key",
                "API key assigned in code or configuration",
                [
                    "api_key",
                    "apikey",
                    "api-key",
                    "access_key",
                    "auth_key",
                    "private_key"
                ],
                Some(3.3),
                generic(r"api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key"),
                "api_key",
                "{n:32}",
                r#"api_key = "xxxxxxxxxxxxxxxxxxxxxxxx""#
            )
        },
    ]);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scanner;
    use crate::rules::RuleSet;

    #[test]
    fn every_builtin_rule_has_true_and_false_example() {
        let all = builtins();
        assert!(all.len() >= 80, "only {} rules", all.len());
        let mut ids = std::collections::HashSet::new();
        let mut rng = crate::corpus::Rng::new(7);
        let mut failures = Vec::new();
        for b in &all {
            assert!(ids.insert(b.id), "duplicate id {}", b.id);
            assert!(
                b.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "id not kebab-case: {}",
                b.id
            );
            let set = RuleSet::builder()
                .without_defaults()
                .rule(b.spec())
                .build()
                .unwrap_or_else(|e| panic!("{}: {e}", b.id));
            let scanner = Scanner::new(set);
            let value = crate::corpus::expand(&b.value, &mut rng);
            let line = format!("{} = \"{}\"\n", b.key, value);
            let found = scanner.scan_bytes("example.txt", line.as_bytes());
            if !found.iter().any(|f| f.rule_id == b.id) {
                failures.push(format!("{}: positive example not found: {line}", b.id));
            }
            let neg = format!("{}\n", b.negative);
            let found = scanner.scan_bytes("example.txt", neg.as_bytes());
            if !found.is_empty() {
                failures.push(format!("{}: negative example reported: {neg}", b.id));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
